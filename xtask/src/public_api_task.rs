//! `cargo xtask public-api [--check]`: the public API of each published crate, one item per
//! line, in `<crate>/public-api.txt`, so a change of the public API shows in review.
//!
//! The listing is read from rustdoc's JSON output (`--output-format json`, unstable, so the
//! stable toolchain is asked with `RUSTC_BOOTSTRAP=1`): every item reachable from the crate
//! root under the path a user writes (re-exports followed), its signature, the traits each
//! type implements itself (not auto traits, not blanket impls), and `#[non_exhaustive]`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The published library crates: (package, directory, crate name).
const CRATES: &[(&str, &str, &str)] = &[
    ("wix-auth-generated", "generated", "wix_auth_generated"),
    ("wix-auth-flows", "flows", "wix_auth_flows"),
    ("wix-auth-axum", "axum", "wix_auth_axum"),
    ("wix-auth-sandbox", "sandbox", "wix_auth_sandbox"),
];

/// The listing's file inside each crate's directory.
const LISTING: &str = "public-api.txt";

/// Writes (or with `check`, compares) every crate's listing.
pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let mut stale = Vec::new();
    for &(package, dir, crate_name) in CRATES {
        let json = rustdoc_json(root, package, crate_name)?;
        let lines = listing(&json)?;
        let text = format!(
            "# The public API of {package} (all features), written by `cargo xtask public-api`.\n{}\n",
            lines.join("\n")
        );
        let path = root.join(dir).join(LISTING);
        println!("{package}: {} public items", lines.len());
        if check {
            if let codegen::freshness::Freshness::Stale { diff } =
                codegen::freshness::compare_labelled(&path, &text, "the code's public API")
            {
                stale.push(format!("{}:\n{diff}", path.display()));
            }
        } else {
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the public API changed; review it and run `cargo xtask public-api`:\n{}",
            stale.join("\n")
        ))
    }
}

/// rustdoc's JSON for one crate's library with all its features.
fn rustdoc_json(root: &Path, package: &str, crate_name: &str) -> Result<Value, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args([
            "rustdoc",
            "--quiet",
            "--locked",
            "--lib",
            "--all-features",
            "-p",
            package,
        ])
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .env("RUSTC_BOOTSTRAP", "1")
        .status()
        .map_err(|e| format!("cannot run cargo rustdoc: {e}"))?;
    if !status.success() {
        return Err(format!("cargo rustdoc -p {package} failed"));
    }
    let path = root.join("target/doc").join(format!("{crate_name}.json"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

/// The sorted lines of one crate's public API.
fn listing(json: &Value) -> Result<Vec<String>, String> {
    let index = &json["index"];
    let root = id_key(&json["root"]);
    let name = index[&root]["name"]
        .as_str()
        .ok_or("rustdoc JSON without a root module")?;
    let mut walk = Walk {
        index,
        lines: BTreeSet::new(),
        stack: Vec::new(),
        listed: BTreeMap::new(),
    };
    walk.listed.insert(root.clone(), name.to_string());
    walk.module(&root, name);
    Ok(walk.lines.into_iter().collect())
}

/// The walk from the root module through every public item.
struct Walk<'a> {
    index: &'a Value,
    lines: BTreeSet<String>,
    /// Modules being walked, so a re-export cycle ends.
    stack: Vec<String>,
    /// Each item listed so far and its path: an item reachable under a second path (a
    /// re-export at the root of what a module holds) is listed once, the other path as an
    /// alias line.
    listed: BTreeMap<String, String>,
}

impl Walk<'_> {
    fn module(&mut self, id: &str, path: &str) {
        if self.stack.iter().any(|seen| seen == id) {
            return;
        }
        self.stack.push(id.to_string());
        let items = self.index[id]["inner"]["module"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for item in items {
            self.item(&id_key(&item), path, None);
        }
        self.stack.pop();
    }

    /// One item under `parent`, named `rename` when re-exported under another name.
    fn item(&mut self, id: &str, parent: &str, rename: Option<&str>) {
        let item = &self.index[id];
        if item.is_null() || item["visibility"] != "public" {
            return;
        }
        let inner = &item["inner"];
        if let Some(import) = inner.get("use") {
            self.reexport(import, parent);
            return;
        }
        let Some(name) = rename.or(item["name"].as_str()) else {
            return;
        };
        let path = format!("{parent}::{name}");
        if let Some(first) = self.listed.get(id) {
            if *first != path {
                self.lines.insert(format!("pub use {path} = {first}"));
            }
            return;
        }
        self.listed.insert(id.to_string(), path.clone());
        let non_exhaustive = if is_non_exhaustive(item) {
            "#[non_exhaustive] "
        } else {
            ""
        };
        let (kind, body) = match inner.as_object().and_then(|o| o.iter().next()) {
            Some((kind, body)) => (kind.as_str(), body),
            None => return,
        };
        match kind {
            "module" => {
                self.lines.insert(format!("mod {path}"));
                self.module(id, &path);
            }
            "struct" => {
                self.lines.insert(format!(
                    "{non_exhaustive}struct {path}{}",
                    generics(&body["generics"])
                ));
                if let Some(fields) = body["kind"]["plain"]["fields"].as_array() {
                    for field in fields {
                        self.field(&id_key(field), &path);
                    }
                }
                if let Some(fields) = body["kind"]["tuple"].as_array() {
                    for (n, field) in fields.iter().enumerate() {
                        if !field.is_null() && self.index[&id_key(field)]["visibility"] == "public"
                        {
                            let ty = ty(&self.index[&id_key(field)]["inner"]["struct_field"]);
                            self.lines.insert(format!("field {path}::{n}: {ty}"));
                        }
                    }
                }
                self.impls(body, &path);
            }
            "enum" => {
                self.lines.insert(format!(
                    "{non_exhaustive}enum {path}{}",
                    generics(&body["generics"])
                ));
                for variant in body["variants"].as_array().into_iter().flatten() {
                    self.variant(&id_key(variant), &path);
                }
                self.impls(body, &path);
            }
            "union" => {
                self.lines.insert(format!("union {path}"));
                self.impls(body, &path);
            }
            "trait" => {
                self.lines
                    .insert(format!("trait {path}{}", generics(&body["generics"])));
                for member in body["items"].as_array().into_iter().flatten() {
                    let member_id = id_key(member);
                    let member = &self.index[&member_id];
                    let member_name = member["name"].as_str().unwrap_or("_");
                    if let Some(function) = member["inner"].get("function") {
                        self.lines.insert(format!(
                            "trait item {}",
                            signature(&format!("{path}::{member_name}"), function)
                        ));
                    } else if member["inner"].get("assoc_type").is_some() {
                        self.lines
                            .insert(format!("trait type {path}::{member_name}"));
                    } else if member["inner"].get("assoc_const").is_some() {
                        self.lines
                            .insert(format!("trait const {path}::{member_name}"));
                    }
                }
            }
            "function" => {
                self.lines.insert(signature(&path, body));
            }
            "constant" => {
                self.lines
                    .insert(format!("const {path}: {}", ty(&body["type"])));
            }
            "static" => {
                self.lines
                    .insert(format!("static {path}: {}", ty(&body["type"])));
            }
            "type_alias" => {
                self.lines
                    .insert(format!("type {path} = {}", ty(&body["type"])));
            }
            "macro" | "proc_macro" => {
                self.lines.insert(format!("macro {path}"));
            }
            other => {
                self.lines.insert(format!("{other} {path}"));
            }
        }
    }

    /// A `pub use`: the target under this module's path when it is the crate's own item, or
    /// the re-export itself when it comes from another crate.
    fn reexport(&mut self, import: &Value, parent: &str) {
        let name = import["name"].as_str().unwrap_or("_");
        let source = import["source"].as_str().unwrap_or("_");
        let target = import["id"].as_u64().map(|id| id.to_string());
        let local = target
            .as_deref()
            .filter(|id| !self.index[*id].is_null() && self.index[*id]["crate_id"] == 0);
        match (local, import["is_glob"].as_bool() == Some(true)) {
            (Some(id), true) => self.module(id, parent),
            (Some(id), false) => self.item(id, parent, Some(name)),
            (None, true) => {
                self.lines
                    .insert(format!("pub use {source}::* in {parent}"));
            }
            (None, false) => {
                self.lines
                    .insert(format!("pub use {parent}::{name} = {source}"));
            }
        }
    }

    fn field(&mut self, id: &str, parent: &str) {
        let field = &self.index[id];
        if field["visibility"] != "public" {
            return;
        }
        let name = field["name"].as_str().unwrap_or("_");
        let ty = ty(&field["inner"]["struct_field"]);
        self.lines.insert(format!("field {parent}::{name}: {ty}"));
    }

    fn variant(&mut self, id: &str, parent: &str) {
        let variant = &self.index[id];
        let name = variant["name"].as_str().unwrap_or("_");
        let non_exhaustive = if is_non_exhaustive(variant) {
            "#[non_exhaustive] "
        } else {
            ""
        };
        let kind = &variant["inner"]["variant"]["kind"];
        let shape = if let Some(fields) = kind["tuple"].as_array() {
            let types: Vec<String> = fields
                .iter()
                .map(|f| {
                    if f.is_null() {
                        "_".to_string()
                    } else {
                        ty(&self.index[&id_key(f)]["inner"]["struct_field"])
                    }
                })
                .collect();
            format!("({})", types.join(", "))
        } else if let Some(fields) = kind["struct"]["fields"].as_array() {
            let names: Vec<String> = fields
                .iter()
                .map(|f| {
                    let field = &self.index[&id_key(f)];
                    format!(
                        "{}: {}",
                        field["name"].as_str().unwrap_or("_"),
                        ty(&field["inner"]["struct_field"])
                    )
                })
                .collect();
            format!(" {{ {} }}", names.join(", "))
        } else {
            String::new()
        };
        self.lines
            .insert(format!("{non_exhaustive}variant {parent}::{name}{shape}"));
    }

    /// The inherent methods of a type and the traits it implements itself.
    fn impls(&mut self, body: &Value, path: &str) {
        for impl_id in body["impls"].as_array().into_iter().flatten() {
            let item = &self.index[&id_key(impl_id)];
            let imp = &item["inner"]["impl"];
            if imp["is_synthetic"] == true || !imp["blanket_impl"].is_null() {
                continue;
            }
            if imp["trait"].is_null() {
                for member in imp["items"].as_array().into_iter().flatten() {
                    let member = &self.index[&id_key(member)];
                    if member["visibility"] != "public" {
                        continue;
                    }
                    let name = member["name"].as_str().unwrap_or("_");
                    if let Some(function) = member["inner"].get("function") {
                        self.lines
                            .insert(signature(&format!("{path}::{name}"), function));
                    } else if let Some(constant) = member["inner"].get("assoc_const") {
                        self.lines
                            .insert(format!("const {path}::{name}: {}", ty(&constant["type"])));
                    }
                }
            } else {
                let negative = if imp["is_negative"] == true { "!" } else { "" };
                self.lines.insert(format!(
                    "impl {negative}{} for {path}",
                    path_with_args(&imp["trait"])
                ));
            }
        }
    }
}

fn is_non_exhaustive(item: &Value) -> bool {
    item["attrs"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|attr| attr.to_string().contains("non_exhaustive"))
}

/// rustdoc JSON ids are numbers in items and strings as keys of the index.
fn id_key(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `async fn path<generics>(inputs) -> output`, with `const` and `unsafe` where they apply.
fn signature(name: &str, function: &Value) -> String {
    let header = &function["header"];
    let mut prefix = String::new();
    for (flag, word) in [
        ("is_const", "const "),
        ("is_async", "async "),
        ("is_unsafe", "unsafe "),
    ] {
        if header[flag] == true {
            prefix.push_str(word);
        }
    }
    let sig = &function["sig"];
    let inputs: Vec<String> = sig["inputs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|input| {
            let name = input[0].as_str().unwrap_or("_");
            let ty = ty(&input[1]);
            if name == "self" {
                match ty.as_str() {
                    "Self" => "self".to_string(),
                    "&Self" => "&self".to_string(),
                    "&mut Self" => "&mut self".to_string(),
                    _ => format!("self: {ty}"),
                }
            } else {
                format!("{name}: {ty}")
            }
        })
        .collect();
    let output = if sig["output"].is_null() {
        String::new()
    } else {
        format!(" -> {}", ty(&sig["output"]))
    };
    format!(
        "{prefix}fn {name}{}({}){output}{}",
        generics(&function["generics"]),
        inputs.join(", "),
        where_clause(&function["generics"])
    )
}

/// `<T: Bound, 'a>` of a generics block, without the parameters rustdoc made up for
/// `impl Trait` arguments.
fn generics(generics: &Value) -> String {
    let params: Vec<String> = generics["params"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|param| {
            let name = param["name"].as_str()?;
            let kind = &param["kind"];
            if kind["type"]["is_synthetic"] == true {
                return None;
            }
            if kind.get("lifetime").is_some() {
                return Some(name.to_string());
            }
            if let Some(konst) = kind.get("const") {
                return Some(format!("const {name}: {}", ty(&konst["type"])));
            }
            let bounds = bounds(&kind["type"]["bounds"]);
            Some(if bounds.is_empty() {
                name.to_string()
            } else {
                format!("{name}: {bounds}")
            })
        })
        .collect();
    if params.is_empty() {
        String::new()
    } else {
        format!("<{}>", params.join(", "))
    }
}

fn where_clause(generics: &Value) -> String {
    let predicates: Vec<String> = generics["where_predicates"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let bound = p.get("bound_predicate")?;
            Some(format!(
                "{}: {}",
                ty(&bound["type"]),
                bounds(&bound["bounds"])
            ))
        })
        .collect();
    if predicates.is_empty() {
        String::new()
    } else {
        format!(" where {}", predicates.join(", "))
    }
}

fn bounds(bounds: &Value) -> String {
    bounds
        .as_array()
        .into_iter()
        .flatten()
        .map(|bound| {
            if let Some(trait_bound) = bound.get("trait_bound") {
                let maybe = if trait_bound["modifier"] == "maybe" {
                    "?"
                } else {
                    ""
                };
                format!("{maybe}{}", path_with_args(&trait_bound["trait"]))
            } else if let Some(lifetime) = bound.get("outlives") {
                lifetime.as_str().unwrap_or("'_").to_string()
            } else {
                "_".to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// `Path<Args>` of a resolved path.
fn path_with_args(path: &Value) -> String {
    let name = path["path"].as_str().unwrap_or("_");
    let args = &path["args"];
    if let Some(angle) = args.get("angle_bracketed") {
        let mut parts: Vec<String> = angle["args"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|arg| {
                if let Some(t) = arg.get("type") {
                    ty(t)
                } else if let Some(l) = arg.get("lifetime") {
                    l.as_str().unwrap_or("'_").to_string()
                } else {
                    "_".to_string()
                }
            })
            .collect();
        for constraint in angle["constraints"].as_array().into_iter().flatten() {
            let cname = constraint["name"].as_str().unwrap_or("_");
            let binding = &constraint["binding"];
            if let Some(t) = binding.get("equality").and_then(|e| e.get("type")) {
                parts.push(format!("{cname} = {}", ty(t)));
            } else if let Some(b) = binding.get("constraint") {
                parts.push(format!("{cname}: {}", bounds(b)));
            }
        }
        if parts.is_empty() {
            name.to_string()
        } else {
            format!("{name}<{}>", parts.join(", "))
        }
    } else if let Some(paren) = args.get("parenthesized") {
        let inputs: Vec<String> = paren["inputs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(ty)
            .collect();
        let output = if paren["output"].is_null() {
            String::new()
        } else {
            format!(" -> {}", ty(&paren["output"]))
        };
        format!("{name}({}){output}", inputs.join(", "))
    } else {
        name.to_string()
    }
}

/// A type as Rust source, close enough to review a change by.
fn ty(ty: &Value) -> String {
    let Some((kind, body)) = ty.as_object().and_then(|o| o.iter().next()) else {
        return "_".to_string();
    };
    match kind.as_str() {
        "resolved_path" => path_with_args(body),
        "generic" | "primitive" => body.as_str().unwrap_or("_").to_string(),
        "borrowed_ref" => {
            let lifetime = body["lifetime"]
                .as_str()
                .map(|l| format!("{l} "))
                .unwrap_or_default();
            let mutable = if body["is_mutable"] == true {
                "mut "
            } else {
                ""
            };
            format!("&{lifetime}{mutable}{}", self::ty(&body["type"]))
        }
        "tuple" => {
            let parts: Vec<String> = body
                .as_array()
                .into_iter()
                .flatten()
                .map(self::ty)
                .collect();
            format!("({})", parts.join(", "))
        }
        "slice" => format!("[{}]", self::ty(body)),
        "array" => format!(
            "[{}; {}]",
            self::ty(&body["type"]),
            body["len"].as_str().unwrap_or("_")
        ),
        "impl_trait" => format!("impl {}", bounds(body)),
        "dyn_trait" => {
            let traits: Vec<String> = body["traits"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| path_with_args(&t["trait"]))
                .collect();
            format!("dyn {}", traits.join(" + "))
        }
        "raw_pointer" => format!(
            "*{} {}",
            if body["is_mutable"] == true {
                "mut"
            } else {
                "const"
            },
            self::ty(&body["type"])
        ),
        "qualified_path" => format!(
            "<{} as {}>::{}",
            self::ty(&body["self_type"]),
            path_with_args(&body["trait"]),
            body["name"].as_str().unwrap_or("_")
        ),
        "function_pointer" => "fn(..)".to_string(),
        _ => "_".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_signature_reads_like_rust() {
        let function = json!({
            "header": {"is_async": true, "is_const": false, "is_unsafe": false},
            "generics": {"params": [], "where_predicates": []},
            "sig": {
                "inputs": [
                    ["self", {"borrowed_ref": {"lifetime": null, "is_mutable": false, "type": {"generic": "Self"}}}],
                    ["key", {"impl_trait": [{"trait_bound": {"trait": {"path": "Into", "args": {"angle_bracketed": {"args": [{"type": {"primitive": "str"}}], "constraints": []}}}, "modifier": "none"}}]}]
                ],
                "output": {"resolved_path": {"path": "Result", "args": {"angle_bracketed": {"args": [{"type": {"tuple": []}}, {"type": {"resolved_path": {"path": "Error", "args": null}}}], "constraints": []}}}}
            }
        });
        assert_eq!(
            signature("krate::Session::set", &function),
            "async fn krate::Session::set(&self, key: impl Into<str>) -> Result<(), Error>"
        );
    }

    #[test]
    fn reexports_are_listed_under_the_path_users_write() {
        let json = json!({
            "root": 0,
            "index": {
                "0": {"name": "krate", "crate_id": 0, "visibility": "public", "attrs": [], "inner": {"module": {"items": [1, 3]}}},
                "1": {"name": null, "crate_id": 0, "visibility": "public", "attrs": [], "inner": {"use": {"source": "inner::Thing", "name": "Thing", "id": 2, "is_glob": false}}},
                "2": {"name": "Thing", "crate_id": 0, "visibility": "public", "attrs": ["#[non_exhaustive]"], "inner": {"enum": {"generics": {"params": [], "where_predicates": []}, "variants": [], "impls": []}}},
                "3": {"name": "hidden", "crate_id": 0, "visibility": "default", "attrs": [], "inner": {"module": {"items": [2]}}}
            }
        });
        assert_eq!(
            listing(&json).unwrap(),
            vec!["#[non_exhaustive] enum krate::Thing".to_string()]
        );
    }

    #[test]
    fn an_item_reachable_twice_is_listed_once_with_an_alias() {
        let json = json!({
            "root": 0,
            "index": {
                "0": {"name": "krate", "crate_id": 0, "visibility": "public", "attrs": [], "inner": {"module": {"items": [3, 1]}}},
                "1": {"name": null, "crate_id": 0, "visibility": "public", "attrs": [], "inner": {"use": {"source": "inner::Thing", "name": "Thing", "id": 2, "is_glob": false}}},
                "2": {"name": "Thing", "crate_id": 0, "visibility": "public", "attrs": [], "inner": {"struct": {"generics": {"params": [], "where_predicates": []}, "kind": {"unit": null}, "impls": []}}},
                "3": {"name": "inner", "crate_id": 0, "visibility": "public", "attrs": [], "inner": {"module": {"items": [2]}}}
            }
        });
        assert_eq!(
            listing(&json).unwrap(),
            vec![
                "mod krate::inner".to_string(),
                "pub use krate::Thing = krate::inner::Thing".to_string(),
                "struct krate::inner::Thing".to_string(),
            ]
        );
    }
}
