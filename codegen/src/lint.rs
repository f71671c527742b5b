//! The spec lint: what every operation and schema must carry, and the shapes that would make
//! the generated client fail to decode what the server sends.

use std::collections::BTreeSet;

use openapiv3::{
    AdditionalProperties, OpenAPI, ReferenceOr, Response, Schema, SchemaKind, StatusCode, Type,
};

use crate::{CodegenError, spec};

/// Checks the spec; every problem found is one line naming the operation or schema.
pub fn check(spec: &OpenAPI) -> Result<(), CodegenError> {
    let mut problems = Vec::new();
    for op in spec::operations(spec) {
        operation_problems(spec, &op, &mut problems);
    }
    schema_description_problems(spec, &mut problems);
    refused_shapes(spec, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CodegenError::Lint(problems))
    }
}

fn operation_problems(spec: &OpenAPI, op: &spec::OperationRef<'_>, problems: &mut Vec<String>) {
    let name = op.name();
    let o = op.operation;
    let mut missing = |what: &str| problems.push(format!("operation `{name}`: missing {what}"));
    if o.operation_id.as_deref().is_none_or(str::is_empty) {
        missing("operationId");
    }
    if o.summary.as_deref().is_none_or(str::is_empty) {
        missing("summary");
    }
    if o.description.as_deref().is_none_or(str::is_empty) {
        missing("description");
    }
    if o.external_docs.as_ref().is_none_or(|d| d.url.is_empty()) {
        missing("externalDocs.url");
    }
    if o.tags.is_empty() {
        missing("a tag");
    }
    if !o.responses.responses.keys().any(is_error_status) {
        missing("an error response (4XX/5XX)");
    }
    for (status, response) in &o.responses.responses {
        let Some(response) = resolve_response(spec, response) else {
            problems.push(format!(
                "operation `{name}`: response {status} refers to a missing component"
            ));
            continue;
        };
        for (media, content) in &response.content {
            if is_json(media) && content.schema.is_none() {
                problems.push(format!(
                    "operation `{name}`: response {status} ({media}) has no schema"
                ));
            }
        }
    }
}

/// Whether a response status is a client or server error.
pub fn is_error_status(status: &StatusCode) -> bool {
    match status {
        StatusCode::Code(code) => (400..600).contains(code),
        StatusCode::Range(range) => matches!(range, 4 | 5),
    }
}

/// Whether a media type is decoded as JSON by the generated client.
pub fn is_json(media: &str) -> bool {
    media == "application/json" || media.starts_with("application/json;")
}

/// Resolves a response that may be a `#/components/responses/…` reference.
pub fn resolve_response<'a>(
    spec: &'a OpenAPI,
    response: &'a ReferenceOr<Response>,
) -> Option<&'a Response> {
    match response {
        ReferenceOr::Item(r) => Some(r),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/responses/")?;
            match spec.components.as_ref()?.responses.get(name)? {
                ReferenceOr::Item(r) => Some(r),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

fn schema_description_problems(spec: &OpenAPI, problems: &mut Vec<String>) {
    let Some(components) = &spec.components else {
        return;
    };
    for (name, schema) in &components.schemas {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        if schema
            .schema_data
            .description
            .as_deref()
            .is_none_or(str::is_empty)
        {
            problems.push(format!("schema `{name}`: missing description"));
        }
        for (property, schema) in object_properties(schema) {
            if let ReferenceOr::Item(p) = schema
                && p.schema_data
                    .description
                    .as_deref()
                    .is_none_or(str::is_empty)
            {
                problems.push(format!("schema `{name}.{property}`: missing description"));
            }
        }
    }
}

fn object_properties(schema: &Schema) -> Vec<(&String, &ReferenceOr<Box<Schema>>)> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => o.properties.iter().collect(),
        SchemaKind::Any(a) => a.properties.iter().collect(),
        _ => Vec::new(),
    }
}

fn refused_shapes(spec: &OpenAPI, problems: &mut Vec<String>) {
    let mut walker = Walker {
        spec,
        seen: BTreeSet::new(),
    };
    for op in spec::operations(spec) {
        let name = op.name();
        for response in op.operation.responses.responses.values() {
            let Some(response) = resolve_response(spec, response) else {
                continue;
            };
            for content in response.content.values() {
                if let Some(schema) = &content.schema {
                    walker.visit_ref(schema, &format!("response of `{name}`"), problems);
                }
            }
        }
    }
    if let Some(components) = &spec.components {
        for (name, schema) in &components.schemas {
            if let ReferenceOr::Item(schema) = schema {
                any_of_scalar_problems(spec, schema, &format!("schema `{name}`"), problems);
            }
        }
    }
}

/// Walks every schema reachable from a response, refusing closed objects.
struct Walker<'a> {
    spec: &'a OpenAPI,
    seen: BTreeSet<(String, bool)>,
}

impl Walker<'_> {
    fn visit_ref<T: AsSchema>(&mut self, schema: &ReferenceOr<T>, at: &str, p: &mut Vec<String>) {
        self.visit_ref_in(schema, at, false, p);
    }

    /// `open` is true inside an open-enum `oneOf` (one member is a plain string), where a
    /// closed enum member is fine because unknown values fall through to the string.
    fn visit_ref_in<T: AsSchema>(
        &mut self,
        schema: &ReferenceOr<T>,
        at: &str,
        open: bool,
        p: &mut Vec<String>,
    ) {
        match schema {
            ReferenceOr::Reference { reference } => {
                if !self.seen.insert((reference.clone(), open)) {
                    return;
                }
                if let Some(target) = component_schema(self.spec, reference) {
                    let name = reference.rsplit('/').next().unwrap_or(reference);
                    self.visit(target, &format!("schema `{name}`"), open, p);
                }
            }
            ReferenceOr::Item(schema) => self.visit(schema.as_schema(), at, open, p),
        }
    }

    fn visit(&mut self, schema: &Schema, at: &str, open: bool, p: &mut Vec<String>) {
        if let SchemaKind::Type(Type::String(s)) = &schema.schema_kind {
            if s.max_length.is_some() || s.min_length.is_some() || s.pattern.is_some() {
                p.push(format!(
                    "{at}: a length or pattern limit in a response makes one long value a decode error of the whole response; state the limit in the description"
                ));
            }
            if !s.enumeration.is_empty() && !open {
                p.push(format!(
                    "{at}: a closed enum in a response makes a new value a decode error; use `{OPEN_ENUM_SHAPE}`"
                ));
            }
        }
        let (properties, additional, items) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => {
                (Some(&o.properties), o.additional_properties.as_ref(), None)
            }
            SchemaKind::Type(Type::Array(a)) => (None, None, a.items.as_ref()),
            SchemaKind::Any(a) => (
                Some(&a.properties),
                a.additional_properties.as_ref(),
                a.items.as_ref(),
            ),
            SchemaKind::AnyOf { any_of: all } => {
                let open = all.iter().any(is_plain_string);
                for s in all {
                    self.visit_ref_in(s, at, open, p);
                }
                (None, None, None)
            }
            SchemaKind::AllOf { all_of: all } | SchemaKind::OneOf { one_of: all } => {
                for s in all {
                    self.visit_ref(s, at, p);
                }
                (None, None, None)
            }
            SchemaKind::Not { not } => {
                self.visit_ref(not.as_ref(), at, p);
                (None, None, None)
            }
            SchemaKind::Type(_) => (None, None, None),
        };
        match additional {
            Some(AdditionalProperties::Any(false)) => p.push(format!(
                "{at}: `additionalProperties: false` in a response makes every new server field a decode error"
            )),
            Some(AdditionalProperties::Schema(s)) => self.visit_ref(s.as_ref(), at, p),
            _ => {}
        }
        for (name, s) in properties.into_iter().flatten() {
            self.visit_ref(s, &child(at, &format!(".{name}")), p);
        }
        if let Some(items) = items {
            self.visit_ref(items, &child(at, "[]"), p);
        }
    }
}

/// Extends a location such as "schema `Closed`" to "schema `Closed.kind`".
fn child(at: &str, suffix: &str) -> String {
    match at.strip_suffix('`') {
        Some(open) => format!("{open}{suffix}`"),
        None => format!("{at}{suffix}"),
    }
}

/// The one shape of an open enum the spec may use.
pub const OPEN_ENUM_SHAPE: &str = "anyOf: [{$ref: Known}, {type: string}]";

/// A `{type: string}` with no enum or limit: the catch-all member of an open enum.
pub fn is_plain_string(schema: &ReferenceOr<Schema>) -> bool {
    matches!(schema, ReferenceOr::Item(Schema { schema_kind: SchemaKind::Type(Type::String(s)), .. })
        if s.enumeration.is_empty() && s.max_length.is_none() && s.pattern.is_none())
}

/// Lets the walker treat `Schema` and `Box<Schema>` alike.
trait AsSchema {
    fn as_schema(&self) -> &Schema;
}

impl AsSchema for Schema {
    fn as_schema(&self) -> &Schema {
        self
    }
}

impl AsSchema for Box<Schema> {
    fn as_schema(&self) -> &Schema {
        self
    }
}

/// Whether `members` is an open enum: a reference to a string enum, then a plain string.
pub fn is_open_enum(spec: &OpenAPI, members: &[ReferenceOr<Schema>]) -> bool {
    let [ReferenceOr::Reference { reference }, catch_all] = members else {
        return false;
    };
    is_plain_string(catch_all)
        && component_schema(spec, reference).is_some_and(|known| {
            matches!(&known.schema_kind, SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty())
        })
}

fn is_string(spec: &OpenAPI, member: &ReferenceOr<Schema>) -> bool {
    let member = match member {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { reference } => component_schema(spec, reference),
    };
    member.is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(Type::String(_))))
}

fn component_schema<'a>(spec: &'a OpenAPI, reference: &str) -> Option<&'a Schema> {
    let name = reference.strip_prefix("#/components/schemas/")?;
    match spec.components.as_ref()?.schemas.get(name)? {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { .. } => None,
    }
}

/// `anyOf` over scalars makes progenitor emit a struct of flattened options that cannot
/// decode a plain string, so the only scalar `anyOf` allowed is the open enum, which
/// codegen rewrites. A `oneOf` whose members overlap (a known value is also a string) is
/// valid for progenitor but rejects every known value in a JSON Schema validator.
fn any_of_scalar_problems(spec: &OpenAPI, schema: &Schema, at: &str, p: &mut Vec<String>) {
    let is_scalar = |member: &ReferenceOr<Schema>| {
        let member = match member {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => component_schema(spec, reference),
        };
        member.is_some_and(|s| {
            matches!(
                s.schema_kind,
                SchemaKind::Type(
                    Type::String(_) | Type::Number(_) | Type::Integer(_) | Type::Boolean(_)
                )
            )
        })
    };
    match &schema.schema_kind {
        SchemaKind::AnyOf { any_of }
            if any_of.iter().any(is_scalar) && !is_open_enum(spec, any_of) =>
        {
            p.push(format!(
                "{at}: `anyOf` over scalars does not decode unless it is an open enum; use `{OPEN_ENUM_SHAPE}`"
            ));
        }
        SchemaKind::OneOf { one_of }
            if one_of.iter().any(is_plain_string)
                && one_of.iter().filter(|m| is_string(spec, m)).count() > 1 =>
        {
            p.push(format!(
                "{at}: `oneOf` with a plain string overlaps its other members, so a JSON Schema validator refuses every known value; use `{OPEN_ENUM_SHAPE}`"
            ));
        }
        _ => {}
    }
    for (name, s) in object_properties(schema) {
        if let ReferenceOr::Item(s) = s {
            any_of_scalar_problems(spec, s, &child(at, &format!(".{name}")), p);
        }
    }
}
