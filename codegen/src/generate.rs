//! Running progenitor: the settings the client is built with, and its panics turned into
//! errors that name the operation.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use openapiv3::{OpenAPI, ReferenceOr};
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, Generator, InterfaceStyle, TagStyle};
use quote::quote;

use crate::CodegenError;

/// The path, inside the generated crate, of the type secrets are mapped to.
pub const SECRET_TYPE: &str = "crate::Secret";
/// The string `format`s that carry secrets and map to [`SECRET_TYPE`].
pub const SECRET_FORMATS: &[&str] = &["password"];

/// The progenitor settings of the generated client.
pub fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Positional)
        .with_tag(TagStyle::Merged)
        .with_derive("schemars::JsonSchema")
        .with_pre_hook(quote!(crate::hooks::before_send))
        .with_post_hook(quote!(crate::hooks::after_receive));
    for format in SECRET_FORMATS {
        settings.with_conversion(secret_schema(format), SECRET_TYPE, std::iter::empty());
    }
    settings
}

fn secret_schema(format: &str) -> schemars08::schema::SchemaObject {
    schemars08::schema::SchemaObject {
        instance_type: Some(schemars08::schema::InstanceType::String.into()),
        format: Some(format.to_string()),
        ..Default::default()
    }
}

/// Generates the client's tokens; a progenitor panic becomes [`CodegenError::Unsupported`]
/// naming the first operation that panics on its own.
pub fn client_tokens(spec: &OpenAPI) -> Result<TokenStream, CodegenError> {
    match run_quietly(|| Generator::new(&settings()).generate_tokens(spec)) {
        Ok(Ok(tokens)) => Ok(strip_generated_constructor(tokens)),
        Ok(Err(e)) => Err(CodegenError::Progenitor(e.to_string())),
        Err(message) => Err(CodegenError::Unsupported {
            operation: culprit(spec).unwrap_or_else(|| "<spec>".into()),
            message,
        }),
    }
}

/// Finds the first operation that makes progenitor panic when generated alone.
fn culprit(spec: &OpenAPI) -> Option<String> {
    for (path, item) in &spec.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let mut single = spec.clone();
            let mut only = item.clone();
            retain_method(&mut only, method);
            single.paths.paths.clear();
            single
                .paths
                .paths
                .insert(path.clone(), ReferenceOr::Item(only));
            if run_quietly(|| Generator::new(&settings()).generate_tokens(&single)).is_err() {
                return Some(
                    operation
                        .operation_id
                        .clone()
                        .unwrap_or_else(|| format!("{} {path}", method.to_uppercase())),
                );
            }
        }
    }
    None
}

fn retain_method(item: &mut openapiv3::PathItem, keep: &str) {
    let slots = [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ];
    for (method, slot) in slots {
        if method != keep {
            *slot = None;
        }
    }
}

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, catching a panic as its message; the panic is not printed.
fn run_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
            .unwrap_or_else(|| "progenitor panicked".into())
    })
}

/// Removes progenitor's `Client::new`, which `unwrap`s the HTTP client builder (a panic
/// when no TLS provider is installed) and follows redirects; the crate's handwritten shell
/// defines the constructor instead.
fn strip_generated_constructor(tokens: TokenStream) -> TokenStream {
    let Ok(mut file) = syn::parse2::<syn::File>(tokens.clone()) else {
        return tokens;
    };
    for item in &mut file.items {
        if let syn::Item::Impl(imp) = item
            && imp.trait_.is_none()
            && matches!(&*imp.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"))
        {
            imp.items
                .retain(|i| !matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "new"));
        }
    }
    quote!(#file)
}
