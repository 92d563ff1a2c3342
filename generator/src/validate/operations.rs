//! Checks of operations: names, path templates against path parameters, auth, supplied parameters, RPC
//! rules, bodies, responses, error codes and sources.

use std::collections::{BTreeSet, HashMap};

use super::{At, Checker, Path};
use crate::naming;
use crate::spec::{ApiStyle, AuthKind, Field, HttpMethod, ListStyle, Operation, SpecFile, SuppliedBy, TypeRef};

pub fn check(checker: &mut Checker<'_>, spec: &SpecFile) {
    if spec.operations.is_empty() {
        checker.error(
            &Path::root().key("operations"),
            At::Key,
            "the spec has no operations",
            "transcribe at least one page",
        );
    }
    for (name, op) in &spec.operations {
        let path = Path::root().key("operations").key(name);
        if naming::type_name(name).ok().as_deref() != Some(name.as_str()) {
            checker.error(
                &path,
                At::Key,
                format!("operation name `{name}` is not UpperCamelCase"),
                "use the SDK's name, e.g. `UpdateImage`",
            );
        }
        if op.summary.trim().is_empty() {
            checker.error(
                &path.key("summary"),
                At::Key,
                "operation has an empty summary",
                "copy the page's Function section",
            );
        }
        check_source(checker, &path.key("source"), op);
        check_path_template(checker, &path, op);
        check_auth(checker, spec, &path, op);
        check_supplied(checker, spec, &path, name, op);
        check_body(checker, spec, &path, op);
        check_responses(checker, &path, op);
        check_request_names(checker, &path, op);
        check_scalar_parameters(checker, spec, &path, op);
    }
    check_generated_names(checker, spec);
}

/// Path and header values are single strings on the wire; a query parameter may be a list, flattened
/// as its `list` style says (objects only as numbered `Name.N.Field` items).
fn check_scalar_parameters(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path, op: &Operation) {
    let groups = [("path", &op.request.path), ("query", &op.request.query), ("headers", &op.request.headers)];
    let is_scalar = |type_ref: &TypeRef| match type_ref {
        TypeRef::Primitive(_) => true,
        TypeRef::Named(type_name) => spec.types.get(type_name).is_some_and(|t| t.enumeration.is_some()),
        TypeRef::Array(_) => false,
    };
    let is_flat_object = |type_ref: &TypeRef| match type_ref {
        TypeRef::Named(type_name) => spec
            .types
            .get(type_name)
            .and_then(|t| t.object.as_ref())
            .is_some_and(|object| object.fields.values().all(|f| is_scalar(&f.type_ref))),
        _ => false,
    };
    for (group, params) in groups {
        for (name, field) in params {
            let at = path.key("request").key(group).key(name);
            let unresolved = field.type_ref.named().is_some_and(|n| !spec.types.contains_key(n));
            match (&field.type_ref, field.list) {
                _ if unresolved => {}
                (TypeRef::Array(item), Some(style))
                    if group == "query" && !(is_scalar(item) || style == ListStyle::Indexed && is_flat_object(item)) =>
                {
                    checker.error(
                        &at.key("type"),
                        At::Value,
                        format!(
                            "list parameter `{name}` has items of type `{item}`, which `{}` cannot flatten",
                            list_style_name(style)
                        ),
                        "items are strings, numbers, booleans or enums; objects of such fields only with `list: indexed` (`Name.N.Field`)",
                    );
                }
                (TypeRef::Array(_), Some(_)) if group == "query" => {}
                (TypeRef::Array(_), None) if group == "query" => checker.error(
                    &at.key("type"),
                    At::Value,
                    format!("list parameter `{name}` does not say how it travels"),
                    "add `list: indexed` (Name.1, Name.2 or Name.1.Field), `list: repeated` (name=a&name=b) or `list: comma` (name=a,b)",
                ),
                (_, Some(_)) if group != "query" || !matches!(field.type_ref, TypeRef::Array(_)) => checker.error(
                    &at.key("list"),
                    At::Key,
                    format!("`list` applies to query parameters of type `array<T>`, not to `{name}`"),
                    "remove `list`, or make the parameter an array",
                ),
                (type_ref, _) if !is_scalar(type_ref) => checker.error(
                    &at.key("type"),
                    At::Value,
                    format!("parameter `{name}` of type `{}` is not a single value", field.type_ref),
                    "path and header parameters are strings, numbers, booleans or enums; a query list needs `type: array<T>` and `list:`",
                ),
                _ => {}
            }
        }
    }
}

fn list_style_name(style: ListStyle) -> &'static str {
    match style {
        ListStyle::Indexed => "indexed",
        ListStyle::Repeated => "repeated",
        ListStyle::Comma => "comma",
    }
}

/// Names the generator adds beside the spec's types must not clash with them.
fn check_generated_names(checker: &mut Checker<'_>, spec: &SpecFile) {
    let service = naming::type_name(&spec.service.name).unwrap_or_default();
    let mut generated = vec![
        (format!("{service}Api"), "the service trait".to_owned()),
        (format!("{service}Client"), "the service client".to_owned()),
    ];
    for name in spec.operations.keys() {
        for suffix in ["Request", "Error", "ErrorResponse", "ErrorCode"] {
            generated.push((format!("{name}{suffix}"), format!("generated for operation `{name}`")));
        }
    }
    for (name, why) in generated {
        if spec.types.contains_key(&name) {
            checker.error(
                &Path::root().key("types").key(&name),
                At::Key,
                format!("type name `{name}` is taken by {why}"),
                "rename the type, e.g. with a `Body` suffix",
            );
        }
    }
}

fn check_source(checker: &mut Checker<'_>, path: &Path, op: &Operation) {
    let page = &op.source.page;
    let page_ok = page.starts_with("pages/")
        && page.ends_with(".txt")
        && !page.contains('\\')
        && page.split('/').all(|segment| !segment.is_empty() && segment != "." && segment != "..");
    if !page_ok {
        checker.error(
            &path.key("page"),
            At::Value,
            format!("`{page}` is not a page file under `pages/`"),
            "copy the page's text to `pages/<vendor>/<service>/<Operation>.txt` and name that path",
        );
    } else if let Some(root) = checker.pages_root.clone() {
        if !root.join(page).is_file() {
            checker.error(
                &path.key("page"),
                At::Value,
                format!("page file `{page}` does not exist"),
                "copy the page's text there, or fix the path",
            );
        }
    }
    if let Some(url) = op.source.url.as_ref().filter(|u| !u.starts_with("https://") && !u.starts_with("http://")) {
        checker.error(&path.key("url"), At::Value, format!("`{url}` is not a web address"), "copy the page's address");
    }
    if let Some(updated) = &op.source.updated {
        let digits: Vec<bool> = updated.chars().map(|c| c.is_ascii_digit()).collect();
        let date_ok = updated.len() == 10
            && digits.iter().enumerate().all(|(i, digit)| *digit != (i == 4 || i == 7))
            && updated.as_bytes()[4] == b'-'
            && updated.as_bytes()[7] == b'-';
        if !date_ok {
            checker.error(
                &path.key("updated"),
                At::Value,
                format!("`{updated}` is not a date"),
                "write the page's \"Updated on\" date as YYYY-MM-DD",
            );
        }
    }
}

/// `{name}` placeholders of a path template, or the offending text when the template is malformed.
fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err("`}` without a matching `{`".to_owned());
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("`{` without a matching `}`")?;
        let name = &after[..close];
        if name.is_empty() || name.contains(['{', '/']) {
            return Err(format!("`{{{name}}}` is not a placeholder"));
        }
        names.push(name);
        rest = &after[close + 1..];
    }
    Ok(names)
}

fn check_path_template(checker: &mut Checker<'_>, path: &Path, op: &Operation) {
    let template_path = path.key("path");
    if !op.path.starts_with('/') {
        checker.error(
            &template_path,
            At::Value,
            format!("path `{}` does not start with `/`", op.path),
            "copy the path from the page's URI section",
        );
    }
    let names = match placeholders(&op.path) {
        Ok(names) => names,
        Err(problem) => {
            checker.error(
                &template_path,
                At::Value,
                format!("malformed path template: {problem}"),
                "write placeholders as `{name}`",
            );
            return;
        }
    };
    let mut seen = BTreeSet::new();
    for name in &names {
        if !seen.insert(*name) {
            checker.error(
                &template_path,
                At::Value,
                format!("placeholder `{{{name}}}` appears twice"),
                "each path parameter appears once",
            );
        }
        if !op.request.path.contains_key(*name) {
            checker.error(
                &template_path,
                At::Value,
                format!("path placeholder `{{{name}}}` has no parameter"),
                format!("declare `{name}` under `request.path`"),
            );
        }
    }
    for (name, field) in &op.request.path {
        let param = path.key("request").key("path").key(name);
        if !seen.contains(name.as_str()) {
            let known = names.iter().copied();
            checker.unknown(&param, "path parameter", name, known, "the path template has no such placeholder");
        }
        if !field.required {
            checker.error(
                &param,
                At::Key,
                format!("path parameter `{name}` is not required"),
                "path parameters are always required; add `required: true`",
            );
        }
    }
}

fn check_auth(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path, op: &Operation) {
    if op.auth.is_empty() {
        checker.error(
            &path.key("auth"),
            At::Key,
            "operation accepts no auth scheme",
            "list the service's schemes this operation accepts",
        );
    }
    for (i, name) in op.auth.iter().enumerate() {
        if !spec.service.auth.contains_key(name) {
            let known = spec.service.auth.keys().map(String::as_str);
            checker.unknown(&path.key("auth").index(i), "auth scheme", name, known, "declare it under `service.auth`");
        }
    }
}

/// Parameters the client fills in must match what the client can supply.
fn check_supplied(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path, op_name: &str, op: &Operation) {
    let request = path.key("request");
    let groups = [("path", &op.request.path), ("query", &op.request.query), ("headers", &op.request.headers)];
    for (group, params) in groups {
        for (name, field) in params {
            let Some(supplied) = &field.supplied_by else { continue };
            let at = request.key(group).key(name).key("supplied_by");
            match supplied {
                SuppliedBy::ProjectId if group != "path" => {
                    checker.error(
                        &at,
                        At::Value,
                        "`project-id` is supplied only to path parameters",
                        "remove `supplied_by`",
                    );
                }
                SuppliedBy::Auth(scheme) => check_supplied_auth(checker, spec, &at, group, name, scheme),
                SuppliedBy::Constant(_) if group == "path" => {
                    checker.error(
                        &at,
                        At::Value,
                        "a path parameter cannot be a constant",
                        "write the constant into the path template",
                    );
                }
                _ => {}
            }
        }
    }
    if spec.service.style == ApiStyle::Rpc {
        check_rpc(checker, &request, op_name, op);
    }
    for (group, fields) in groups {
        for (name, field) in fields {
            if let (Some(SuppliedBy::Constant(value)), Some(example)) = (&field.supplied_by, &field.example) {
                if example.as_str() != Some(value.as_str()) {
                    checker.error(
                        &request.key(group).key(name).key("example"),
                        At::Value,
                        "the example differs from the constant",
                        "make them equal",
                    );
                }
            }
        }
    }
}

fn check_supplied_auth(checker: &mut Checker<'_>, spec: &SpecFile, at: &Path, group: &str, name: &str, scheme: &str) {
    match spec.service.auth.get(scheme) {
        None => {
            let known = spec.service.auth.keys().map(String::as_str);
            checker.unknown(at, "auth scheme", scheme, known, "declare it under `service.auth`");
        }
        Some(auth) if auth.kind != AuthKind::HeaderToken || group != "headers" => checker.error(
            at,
            At::Value,
            format!("`{name}` cannot carry the `{scheme}` credential"),
            "only a header parameter can carry a header-token scheme's credential",
        ),
        Some(auth) if !auth.header.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(name)) => checker.error(
            at,
            At::Value,
            format!("header `{name}` differs from the `{scheme}` scheme's header"),
            format!("the scheme sends `{}`", auth.header.as_deref().unwrap_or_default()),
        ),
        Some(_) => {}
    }
}

fn check_rpc(checker: &mut Checker<'_>, request: &Path, op_name: &str, op: &Operation) {
    let action = op.request.query.get("Action").and_then(|f| f.supplied_by.as_ref());
    if action != Some(&SuppliedBy::Constant(op_name.to_owned())) {
        checker.error(
            &request.key("query"),
            At::Key,
            format!("RPC operation `{op_name}` has no `Action` query parameter fixed to its name"),
            format!(
                "add `Action: {{type: string, required: true, supplied_by: {{constant: {op_name}}}, description: ...}}`"
            ),
        );
    }
    if op.request.body.is_some() {
        checker.error(
            &request.key("body"),
            At::Key,
            "RPC operations carry every parameter in the query",
            "move the body's fields to `request.query`",
        );
    }
}

fn check_body(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path, op: &Operation) {
    let request = path.key("request");
    if let Some(body) = &op.request.body {
        if matches!(op.method, HttpMethod::Get | HttpMethod::Head) {
            checker.error(
                &request.key("body"),
                At::Key,
                format!("{} requests carry no body", op.method.as_str()),
                "check the page's method",
            );
        }
        if body.content_type.is_some() {
            checker.error(
                &request.key("body").key("content_type"),
                At::Key,
                "a request body's media type is `request.content_type`",
                "move it there",
            );
        }
    } else if op.request.content_type.is_some() && spec.service.style == ApiStyle::RestJson {
        checker.error(
            &request.key("content_type"),
            At::Key,
            "`content_type` without a body",
            "remove it or add the body",
        );
    }
}

fn check_responses(checker: &mut Checker<'_>, path: &Path, op: &Operation) {
    let responses = path.key("responses");
    for status in op.responses.keys().filter(|s| !(100..=599).contains(*s)) {
        checker.error(
            &responses.key(&status.to_string()),
            At::Key,
            format!("{status} is not an HTTP status code"),
            "use a code from 100 to 599",
        );
    }
    if !op.responses.keys().any(|s| (200..300).contains(s)) {
        checker.error(
            &responses,
            At::Key,
            "no success (2xx) response is documented",
            "add the page's success status and its body",
        );
    }
    let mut codes: HashMap<(&str, u16, &str), usize> = HashMap::new();
    let mut variants: HashMap<String, &str> = HashMap::new();
    for (i, error) in op.errors.iter().enumerate() {
        let at = path.key("errors").index(i);
        if !op.responses.contains_key(&error.status) {
            checker.error(
                &at.key("status"),
                At::Value,
                format!(
                    "error `{}` comes with status {}, which is not a documented response",
                    error.code, error.status
                ),
                format!("add {} under `responses`", error.status),
            );
        }
        // Pages repeat a code under other statuses or messages; only a row repeated whole is a mistake.
        if let Some(first) = codes.insert((error.code.as_str(), error.status, error.message.as_str()), i) {
            checker.error(
                &at.key("code"),
                At::Value,
                format!(
                    "error code `{}` is listed twice with status {} and the same message (also #{})",
                    error.code,
                    error.status,
                    first + 1
                ),
                "remove the repeated row",
            );
        }
        match naming::type_name(&error.code) {
            Err(problem) => checker.error(&at.key("code"), At::Value, problem, "error codes need a letter or digit"),
            Ok(rust) => {
                if let Some(other) = variants.insert(rust.clone(), error.code.as_str()).filter(|o| *o != error.code) {
                    checker.error(
                        &at.key("code"),
                        At::Value,
                        format!("error codes `{other}` and `{}` both become the Rust variant `{rust}`", error.code),
                        "the error-code enum cannot hold both; report this as an issue",
                    );
                }
            }
        }
    }
}

/// The request struct holds the caller-supplied parameters and, if any, the body: their Rust names must
/// not collide.
fn check_request_names(checker: &mut Checker<'_>, path: &Path, op: &Operation) {
    let request = path.key("request");
    let mut seen: HashMap<String, Path> = HashMap::new();
    if op.request.body.is_some() {
        seen.insert("body".to_owned(), request.key("body"));
    }
    let params: Vec<(Path, &str, &Field)> = request_params(op)
        .filter(|(_, _, f)| is_caller_supplied(f))
        .map(|(group, name, f)| (request.key(group).key(name), name, f))
        .collect();
    let names = naming::member_names(params.iter().map(|(_, name, f)| (*name, f.deprecated.is_some())));
    for ((at, name, _), rust) in params.iter().zip(names) {
        let Ok(rust) = rust else {
            checker.error(
                at,
                At::Key,
                format!("`{name}` has no letters or digits to make a Rust name from"),
                "rename the parameter",
            );
            continue;
        };
        if seen.insert(rust.clone(), at.clone()).is_some() {
            checker.error(
                at,
                At::Key,
                format!(
                    "parameter `{name}` becomes `{rust}` in Rust, which another parameter or the body already uses"
                ),
                "parameters of one request need distinct names",
            );
        }
    }
    for (at, _, field) in &params {
        let replacement = field.deprecated.as_ref().and_then(|d| d.replaced_by.as_deref());
        if let Some(replacement) = replacement.filter(|r| !request_params(op).any(|(_, name, _)| name == *r)) {
            let known = request_params(op).map(|(_, name, _)| name);
            checker.unknown(
                &at.key("deprecated").key("replaced_by"),
                "parameter",
                replacement,
                known,
                "name a parameter of this request",
            );
        }
    }
}

/// Every parameter of a request with its group (`path`, `query`, `headers`), in the page's order.
pub fn request_params(op: &Operation) -> impl Iterator<Item = (&'static str, &str, &Field)> + Clone {
    [("path", &op.request.path), ("query", &op.request.query), ("headers", &op.request.headers)]
        .into_iter()
        .flat_map(|(group, params)| params.iter().map(move |(name, f)| (group, name.as_str(), f)))
}

/// Whether the caller sets the parameter (the client fills in the rest).
pub fn is_caller_supplied(field: &Field) -> bool {
    field.supplied_by.is_none()
}
