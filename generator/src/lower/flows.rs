//! Lowering of what spans calls: paginators and waiters. Names in the spec are wire names and dotted
//! wire paths; here they become the Rust fields the generated code reads and sets.

use super::types::presence_of;
use crate::ir::{self, Paging, Presence, Waiter, WaiterInput, WaiterSource};
use crate::naming;
use crate::spec::{self, SpecFile, TypeDef, TypeKind, TypeRef};
use crate::validate::flows::{resolve_path, success_body};

/// The paginator of `op`, when it declares one.
pub fn lower_paging(spec: &SpecFile, method: &str, op: &spec::Operation, request: &ir::Struct) -> Option<Paging> {
    let pagination = op.pagination.as_ref()?;
    let field = |wire: &str| request.fields.iter().find(|f| f.wire_name == wire).map(|f| f.name.clone());
    let item = match resolve_path(spec, success_body(op)?, &pagination.items).ok()? {
        TypeRef::Array(item) => super::ty_of(spec, item),
        _ => return None,
    };
    Some(Paging {
        style: pagination.style,
        items: pagination.items.clone(),
        total: pagination.total.clone(),
        next: pagination.next.clone(),
        marker_field: pagination.marker_field.clone(),
        cursor_field: field(&pagination.page)?,
        size_field: pagination.size.as_deref().and_then(field),
        item_ty: item,
        pages_method: format!("{method}_pages"),
        items_method: format!("{method}_items"),
    })
}

/// The waiters of `op`. The checks guarantee every name resolves; a waiter that does not is left out
/// rather than generated wrong.
pub fn lower_waiters(spec: &SpecFile, op: &spec::Operation) -> Vec<Waiter> {
    op.waiters.iter().filter_map(|(name, waiter)| lower_waiter(spec, op, name, waiter)).collect()
}

fn lower_waiter(spec: &SpecFile, op: &spec::Operation, name: &str, waiter: &spec::Waiter) -> Option<Waiter> {
    let poll = spec.operations.get(&waiter.poll)?;
    let poll_params = caller_params(poll);
    let mut inputs = Vec::new();
    for (wire, text) in &waiter.request {
        let (_, target_field, target) = poll_params.iter().find(|(w, ..)| w == wire)?;
        let source = match text.split_once(':').filter(|(kind, _)| *kind == "constant") {
            Some((_, constant)) => {
                let (values, _) = crate::validate::values::query_values(
                    spec,
                    &poll.request.query,
                    &[(wire.clone(), constant.to_owned())],
                );
                let json = values.into_iter().next()?.1;
                WaiterSource::Constant(super::examples::value_of(spec, &target_field.type_ref, &json)?)
            }
            None => match text.split_once('.')? {
                ("request", param) => WaiterSource::Request(vec![request_field(op, param)?]),
                ("response", dotted) => WaiterSource::Response(field_chain(spec, success_body(op)?, dotted)?),
                _ => return None,
            },
        };
        inputs.push(WaiterInput {
            wire_name: wire.clone(),
            target: target.clone()?,
            target_required: target_field.required,
            source,
        });
    }
    let method = naming::field_name(name).ok()?;
    let poll_output = super::ty_of(spec, success_body(poll)?);
    let mut docs = super::paragraphs(&waiter.description);
    docs.push(String::new());
    docs.push(format!(
        "Polls `{}` until `{}` is {}{}; a poll whose response lacks the status counts as not done yet.",
        naming::field_name(&waiter.poll).ok()?,
        waiter.status,
        waiter.success.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or "),
        if waiter.failure.is_empty() {
            String::new()
        } else {
            format!(
                " (failed for good on {})",
                waiter.failure.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
            )
        }
    ));
    Some(Waiter {
        method_name: format!("wait_until_{method}"),
        docs,
        poll_request: format!("{}Request", waiter.poll),
        poll_output,
        poll_errors: format!("{}ErrorResponse", waiter.poll),
        inputs,
        status: waiter.status.clone(),
        success: waiter.success.clone(),
        failure: waiter.failure.clone(),
    })
}

/// The parameters a caller sets, with their Rust names as the request struct has them.
fn caller_params(op: &spec::Operation) -> Vec<(&str, &spec::Field, Option<String>)> {
    let params: Vec<(&str, &spec::Field)> = crate::validate::operations::request_params(op)
        .filter(|(_, _, f)| f.supplied_by.is_none())
        .map(|(_, w, f)| (w, f))
        .collect();
    let names = naming::member_names(params.iter().map(|(w, f)| (*w, f.deprecated.is_some())));
    params.into_iter().zip(names).map(|((wire, field), name)| (wire, field, name.ok())).collect()
}

fn request_field(op: &spec::Operation, wire: &str) -> Option<(String, Presence)> {
    let (_, field, name) = caller_params(op).into_iter().find(|(w, ..)| *w == wire)?;
    Some((name?, presence_of(field)))
}

/// The Rust fields along a dotted wire path through object types (no list steps).
fn field_chain(spec: &SpecFile, root: &TypeRef, dotted: &str) -> Option<Vec<(String, Presence)>> {
    let mut current = root;
    let mut chain = Vec::new();
    for segment in dotted.split('.') {
        let TypeRef::Named(name) = current else { return None };
        let Some(TypeKind::Object(object)) = spec.types.get(name).and_then(TypeDef::kind) else { return None };
        let names = naming::member_names(object.fields.iter().map(|(w, f)| (w.as_str(), f.deprecated.is_some())));
        let index = object.fields.get_index_of(segment)?;
        let field = &object.fields[index];
        chain.push((names[index].clone().ok()?, presence_of(field)));
        current = &field.type_ref;
    }
    Some(chain)
}
