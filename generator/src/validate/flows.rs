//! Checks of what spans calls: idempotency tokens, pagination and waiters. Every name they use must
//! resolve to a parameter or to a response field of the right kind.

use super::{At, Checker, Path};
use crate::spec::{Field, Operation, PagingStyle, Primitive, SpecFile, TypeDef, TypeKind, TypeRef};

pub fn check(checker: &mut Checker<'_>, spec: &SpecFile) {
    for (name, op) in &spec.operations {
        let path = Path::root().key("operations").key(name);
        check_idempotency(checker, &path, op);
        if let Some(pagination) = &op.pagination {
            check_pagination(checker, spec, &path.key("pagination"), op, pagination);
        }
        for (waiter_name, waiter) in &op.waiters {
            check_waiter(checker, spec, &path.key("waiters").key(waiter_name), waiter_name, op, waiter);
        }
    }
}

fn check_idempotency(checker: &mut Checker<'_>, path: &Path, op: &Operation) {
    let Some(token) = &op.idempotency_token else { return };
    let at = path.key("idempotency_token");
    if op.idempotent {
        checker.error(
            &at,
            At::Key,
            "an operation is `idempotent` or has an `idempotency_token`, not both",
            "keep the one the page states",
        );
    }
    match caller_param(op, token) {
        None => {
            let known = caller_params(op).map(|(name, _)| name);
            checker.unknown(
                &at,
                "parameter",
                token,
                known,
                "name the query or header parameter that carries the token",
            );
        }
        Some(field) if field.required || field.type_ref != TypeRef::Primitive(Primitive::String) => checker.error(
            &at,
            At::Value,
            format!("idempotency token `{token}` must be an optional string parameter"),
            "the client fills the token when the caller leaves it unset",
        ),
        Some(_) => {}
    }
}

fn check_pagination(
    checker: &mut Checker<'_>,
    spec: &SpecFile,
    path: &Path,
    op: &Operation,
    pagination: &crate::spec::Pagination,
) {
    for (key, name) in [("page", Some(&pagination.page)), ("size", pagination.size.as_ref())] {
        let Some(name) = name else { continue };
        match caller_param(op, name) {
            None => {
                let known = caller_params(op).map(|(name, _)| name);
                checker.unknown(&path.key(key), "parameter", name, known, "name a query parameter of this operation");
            }
            Some(field) if field.required => checker.error(
                &path.key(key),
                At::Value,
                format!("`{name}` is required, but the paginator sets it page by page"),
                "paging parameters are optional on the pages",
            ),
            Some(field) => {
                // A page number, offset or size counts; a marker or token is text.
                let numbers = [TypeRef::Primitive(Primitive::Integer), TypeRef::Primitive(Primitive::Long)];
                let text = [TypeRef::Primitive(Primitive::String)];
                let counted =
                    key == "size" || matches!(pagination.style, PagingStyle::PageNumber | PagingStyle::OffsetLimit);
                let allowed: &[TypeRef] = if counted { &numbers } else { &text };
                if !allowed.contains(&field.type_ref) {
                    checker.error(
                        &path.key(key),
                        At::Value,
                        format!(
                            "`{name}` is a `{}`, but this paging style needs {}",
                            field.type_ref,
                            if counted { "an integer or long" } else { "a string" }
                        ),
                        "check the parameter's type on the page",
                    );
                }
            }
        }
    }
    let Some(output) = success_body(op) else {
        checker.error(path, At::Key, "the operation has no success body to page through", "remove `pagination`");
        return;
    };
    let items = match resolve_path(spec, output, &pagination.items) {
        Ok(TypeRef::Array(item)) => Some(item.as_ref()),
        Ok(other) => {
            checker.error(
                &path.key("items"),
                At::Value,
                format!("`{}` is a `{other}`, not a list", pagination.items),
                "name the list of items",
            );
            None
        }
        Err(problem) => {
            checker.error(
                &path.key("items"),
                At::Value,
                problem,
                "write the wire names from the response body, joined by `.`",
            );
            None
        }
    };
    let wants = |style: PagingStyle, key: &str| {
        matches!(
            (style, key),
            (PagingStyle::NextToken, "next")
                | (PagingStyle::Marker, "marker_field")
                | (PagingStyle::PageNumber | PagingStyle::OffsetLimit, "size")
        )
    };
    let given = [
        ("size", pagination.size.is_some()),
        ("next", pagination.next.is_some()),
        ("marker_field", pagination.marker_field.is_some()),
    ];
    for (key, set) in given {
        if wants(pagination.style, key) && !set {
            checker.error(path, At::Key, format!("this paging style needs `{key}`"), format!("add `{key}`"));
        }
    }
    if let Some(total) = &pagination.total {
        check_response_field(checker, spec, &path.key("total"), output, total, &[Primitive::Integer, Primitive::Long]);
    }
    if let Some(next) = &pagination.next {
        check_response_field(checker, spec, &path.key("next"), output, next, &[Primitive::String]);
    }
    if let (Some(marker), Some(item)) = (&pagination.marker_field, items) {
        check_response_field(checker, spec, &path.key("marker_field"), item, marker, &[Primitive::String]);
    }
}

fn check_response_field(
    checker: &mut Checker<'_>,
    spec: &SpecFile,
    path: &Path,
    root: &TypeRef,
    dotted: &str,
    kinds: &[Primitive],
) {
    match resolve_path(spec, root, dotted) {
        Ok(TypeRef::Primitive(p)) if kinds.contains(p) => {}
        Ok(other) => checker.error(
            path,
            At::Value,
            format!(
                "`{dotted}` is a `{other}`, not {}",
                kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(" or ")
            ),
            "name a field of that kind",
        ),
        Err(problem) => {
            checker.error(path, At::Value, problem, "write the wire names from the response body, joined by `.`")
        }
    }
}

fn check_waiter(
    checker: &mut Checker<'_>,
    spec: &SpecFile,
    path: &Path,
    name: &str,
    op: &Operation,
    waiter: &crate::spec::Waiter,
) {
    if crate::naming::type_name(name).ok().as_deref() != Some(name) {
        checker.error(
            path,
            At::Key,
            format!("waiter name `{name}` is not UpperCamelCase"),
            "name it like `ImageAvailable`",
        );
    }
    let Some(poll) = spec.operations.get(&waiter.poll) else {
        let known = spec.operations.keys().map(String::as_str);
        checker.unknown(&path.key("poll"), "operation", &waiter.poll, known, "name an operation of this service");
        return;
    };
    for (param, source) in &waiter.request {
        let at = path.key("request").key(param);
        let Some(target) = caller_param(poll, param) else {
            let known = caller_params(poll).map(|(name, _)| name);
            checker.unknown(&at, "parameter", param, known, "name a parameter of the polled operation");
            continue;
        };
        if let Some(("constant", text)) = source.split_once(':') {
            let mut values = super::values::ValueChecker::new(spec, &checker.patterns);
            let (read, unknown) =
                super::values::query_values(spec, &poll.request.query, &[(param.clone(), text.to_owned())]);
            values.found.extend(unknown);
            for (_, value) in &read {
                values.field(param, target, value);
            }
            for mismatch in values.found {
                checker.error(
                    &at,
                    At::Value,
                    format!("constant `{text}`: {}", mismatch.message),
                    "write the value as the page would in a query",
                );
            }
            continue;
        }
        let found = match source.split_once('.') {
            Some(("request", wire)) => {
                caller_param(op, wire).map(|f| &f.type_ref).ok_or(format!("this operation has no parameter `{wire}`"))
            }
            Some(("response", dotted)) => match success_body(op) {
                Some(output) => resolve_path(spec, output, dotted),
                None => Err("this operation has no success body".to_owned()),
            },
            _ => Err(format!(
                "`{source}` names neither `request.<parameter>`, `response.<field>` nor `constant:<value>`"
            )),
        };
        match found {
            Err(problem) => checker.error(
                &at,
                At::Value,
                problem,
                "write `request.<wire name>`, `response.<dotted wire path>` or `constant:<value>`",
            ),
            Ok(found) if *found != target.type_ref => checker.error(
                &at,
                At::Value,
                format!("`{source}` is a `{found}`, but `{param}` takes a `{}`", target.type_ref),
                "name a value of the parameter's type",
            ),
            Ok(_) if source.starts_with("response.") && source.split('.').any(|s| s.parse::<usize>().is_ok()) => {
                checker.error(
                    &at,
                    At::Value,
                    "a waiter's input cannot pick a list item",
                    "name a field path without numbers",
                )
            }
            Ok(_) => {}
        }
    }
    for (param, _) in caller_params(poll).filter(|(name, f)| f.required && !waiter.request.contains_key(*name)) {
        checker.error(
            &path.key("request"),
            At::Key,
            format!("the polled operation needs `{param}`"),
            format!("add `{param}: request.<parameter>` or `{param}: response.<field>`"),
        );
    }
    let status = match success_body(poll) {
        Some(output) => resolve_path(spec, output, &waiter.status),
        None => Err(format!("`{}` has no success body to read a status from", waiter.poll)),
    };
    match status {
        Err(problem) => {
            checker.error(&path.key("status"), At::Value, problem, "write the wire path, numbers picking list items")
        }
        Ok(TypeRef::Named(enum_name)) => {
            if let Some(TypeKind::Enum(e)) = spec.types.get(enum_name).and_then(TypeDef::kind) {
                let documented: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                for (key, values) in [("success", &waiter.success), ("failure", &waiter.failure)] {
                    for (i, value) in values.iter().enumerate().filter(|(_, v)| !documented.contains(&v.as_str())) {
                        checker.unknown(
                            &path.key(key).index(i),
                            "status value",
                            value,
                            documented.iter().copied(),
                            "use a documented value",
                        );
                    }
                }
            }
        }
        Ok(TypeRef::Primitive(Primitive::String)) => {}
        Ok(other) => checker.error(
            &path.key("status"),
            At::Value,
            format!("the status is a `{other}`, not a string"),
            "name a string or enum field",
        ),
    }
    if waiter.success.is_empty() {
        checker.error(
            &path.key("success"),
            At::Key,
            "a waiter needs at least one success value",
            "list the values that mean done",
        );
    }
}

/// The parameters the caller sets, by wire name.
fn caller_params(op: &Operation) -> impl Iterator<Item = (&str, &Field)> + Clone {
    super::operations::request_params(op).filter(|(_, _, f)| f.supplied_by.is_none()).map(|(_, name, f)| (name, f))
}

fn caller_param<'a>(op: &'a Operation, name: &str) -> Option<&'a Field> {
    caller_params(op).find(|(wire, _)| *wire == name).map(|(_, f)| f)
}

/// The type of the first success response body.
pub fn success_body(op: &Operation) -> Option<&TypeRef> {
    op.responses
        .iter()
        .filter(|(status, _)| (200..300).contains(*status))
        .find_map(|(_, r)| r.body.as_ref())
        .map(|b| &b.type_ref)
}

/// Follows a dotted wire path (`Images.Image.0.Status`) through object fields; a number steps into a list.
pub fn resolve_path<'a>(spec: &'a SpecFile, root: &'a TypeRef, dotted: &str) -> Result<&'a TypeRef, String> {
    let mut current = root;
    for segment in dotted.split('.') {
        current = match current {
            TypeRef::Array(item) if segment.parse::<usize>().is_ok() => item,
            TypeRef::Named(name) => match spec.types.get(name).and_then(TypeDef::kind) {
                Some(TypeKind::Object(object)) => {
                    &object
                        .fields
                        .get(segment)
                        .ok_or_else(|| format!("`{name}` has no field `{segment}` (in `{dotted}`)"))?
                        .type_ref
                }
                _ => return Err(format!("`{segment}` of `{dotted}` is inside `{name}`, which is not an object")),
            },
            other => return Err(format!("`{segment}` of `{dotted}` is inside a `{other}`")),
        };
    }
    Ok(current)
}
