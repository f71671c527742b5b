//! Doc comments in the generated code: one `///` line per line of text.
//!
//! progenitor emits a multi-line description as one `#[doc]` string, which prints as a
//! `/** … */` block. rustfmt indents the block's continuation lines, and rustdoc then reads
//! them as indented code blocks (and runs them as doctests). Splitting every doc string into
//! one attribute per line keeps the text as prose.

use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Meta, parse_quote};

/// Rewrites every multi-line doc attribute of `file` into one attribute per line.
pub fn split_multiline_docs(file: &mut syn::File) {
    split(&mut file.attrs);
    DocSplitter.visit_file_mut(file);
}

struct DocSplitter;

macro_rules! splitting {
    ($($method:ident: $node:ty),* $(,)?) => {
        $(
            fn $method(&mut self, node: &mut $node) {
                split(&mut node.attrs);
                visit_mut::$method(self, node);
            }
        )*
    };
}

impl VisitMut for DocSplitter {
    splitting!(
        visit_item_struct_mut: syn::ItemStruct,
        visit_item_enum_mut: syn::ItemEnum,
        visit_item_fn_mut: syn::ItemFn,
        visit_item_impl_mut: syn::ItemImpl,
        visit_item_mod_mut: syn::ItemMod,
        visit_item_type_mut: syn::ItemType,
        visit_item_const_mut: syn::ItemConst,
        visit_item_trait_mut: syn::ItemTrait,
        visit_impl_item_fn_mut: syn::ImplItemFn,
        visit_field_mut: syn::Field,
        visit_variant_mut: syn::Variant,
    );
}

fn split(attrs: &mut Vec<Attribute>) {
    if !attrs.iter().any(|a| multiline_doc(a).is_some()) {
        return;
    }
    let mut out = Vec::with_capacity(attrs.len());
    for attr in attrs.drain(..) {
        match multiline_doc(&attr) {
            Some(text) => out.extend(text.lines().map(|line| {
                let line = LitStr::new(
                    &format!(" {}", line.trim_end()),
                    proc_macro2::Span::call_site(),
                );
                let attr: Attribute = parse_quote!(#[doc = #line]);
                attr
            })),
            None => out.push(attr),
        }
    }
    *attrs = out;
}

fn multiline_doc(attr: &Attribute) -> Option<String> {
    let Meta::NameValue(nv) = &attr.meta else {
        return None;
    };
    if !nv.path.is_ident("doc") {
        return None;
    }
    let Expr::Lit(ExprLit {
        lit: Lit::Str(s), ..
    }) = &nv.value
    else {
        return None;
    };
    let text = s.value();
    text.contains('\n').then_some(text)
}
