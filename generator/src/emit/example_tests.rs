//! Tests of the generated crate derived from the page's examples, plus round trips of undocumented enum
//! values and fields.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{ident, raw_string, ty_tokens};
use crate::ir::{Crate, ExampleTest, Model, ParamLocation, Presence, Ty, Value};

/// The `example_tests` module (compiled under `cfg(test)`).
pub fn emit_example_tests(krate: &Crate) -> TokenStream {
    let examples: Vec<&ExampleTest> = krate.operations.iter().flat_map(|op| &op.examples).collect();
    let uses_requests = examples.iter().any(|e| matches!(e, ExampleTest::Request { .. }));
    let request_trait = uses_requests.then(|| {
        quote!(
            use ::cloudgen_runtime::operation::Request as _;
        )
    });
    let examples = examples.into_iter().map(emit_example);
    let enums = emit_enum_round_trips(krate);
    let unknown_fields = emit_unknown_field_round_trip(krate);
    quote! {
        #![doc = " Tests derived from the examples on the documentation pages."]
        #![allow(clippy::unwrap_used)]

        #request_trait

        #(#examples)*
        #enums
        #unknown_fields
    }
}

fn emit_example(test: &ExampleTest) -> TokenStream {
    match test {
        ExampleTest::Request { test_name, construction, params, body, skipped } => {
            let name = ident(test_name);
            let request = value_tokens(construction);
            let skipped_doc = (!skipped.is_empty()).then(|| {
                let text = format!(
                    " Skips what the spec records as the page's deviations: {}.",
                    crate::lower::sanitize(&skipped.join(", "))
                );
                quote!(#[doc = #text])
            });
            // The parameters the request sends must be exactly those the example shows.
            let locations =
                [(ParamLocation::Path, quote!(path_params())), (ParamLocation::Query, quote!(query_params().pairs()))];
            let param_checks =
                locations.into_iter().filter(|(l, _)| params.iter().any(|(p, ..)| p == l)).map(|(location, list)| {
                    let pairs = params.iter().filter(|(l, ..)| *l == location).map(|(_, wire, text)| match location {
                        ParamLocation::Query => {
                            quote!((::std::string::String::from(#wire), ::std::string::String::from(#text)))
                        }
                        _ => quote!((#wire, ::std::string::String::from(#text))),
                    });
                    quote! {
                        let mut actual = request.#list;
                        actual.sort();
                        let mut expected = ::std::vec::Vec::from([#(#pairs),*]);
                        expected.sort();
                        assert_eq!(actual, expected);
                    }
                });
            let body_check = body.as_ref().map(|text| {
                let text = raw_string(text);
                quote! {
                    let expected: ::serde_json::Value = ::serde_json::from_str(#text).unwrap();
                    let actual = ::serde_json::to_value(request.body()).unwrap();
                    assert_eq!(actual, expected);
                }
            });
            quote! {
                #skipped_doc
                #[test]
                fn #name() {
                    let request = #request;
                    let validation = request.validate();
                    assert_eq!(validation, ::std::result::Result::Ok(()));
                    #(#param_checks)*
                    #body_check
                }
            }
        }
        ExampleTest::Response { test_name, ty, body } => {
            let name = ident(test_name);
            let ty = ty_tokens(ty);
            let body = raw_string(body);
            quote! {
                #[test]
                fn #name() {
                    let text = #body;
                    let parsed: #ty = ::serde_json::from_str(text).unwrap();
                    let expected: ::serde_json::Value = ::serde_json::from_str(text).unwrap();
                    let actual = ::serde_json::to_value(parsed).unwrap();
                    assert_eq!(actual, expected);
                }
            }
        }
    }
}

fn emit_enum_round_trips(krate: &Crate) -> TokenStream {
    let mut names: Vec<&str> = krate
        .models
        .iter()
        .filter_map(|m| match m {
            Model::Enum(e) => Some(e.name.as_str()),
            Model::Struct(_) => None,
        })
        .collect();
    names.extend(krate.operations.iter().filter_map(|op| op.error_codes.as_ref()).map(|e| e.name.as_str()));
    if names.is_empty() {
        return TokenStream::new();
    }
    let checks = names.iter().map(|name| {
        let ty = ident(name);
        quote! {
            let result = ::cloudgen_runtime::enums::check_round_trips::<crate::#ty>();
            assert_eq!(result, ::std::result::Result::Ok(()));
        }
    });
    quote! {
        #[test]
        fn enum_values_round_trip_documented_or_not() {
            #(#checks)*
        }
    }
}

/// An undocumented field added to a response example survives a round trip.
fn emit_unknown_field_round_trip(krate: &Crate) -> TokenStream {
    let example = krate.operations.iter().flat_map(|op| &op.examples).find_map(|test| match test {
        ExampleTest::Response { ty: ty @ Ty::Struct(_), body, .. } => Some((ty, body)),
        _ => None,
    });
    let Some((ty, body)) = example else { return TokenStream::new() };
    let ty = ty_tokens(ty);
    let body = raw_string(body);
    quote! {
        #[test]
        fn unknown_fields_round_trip() {
            let mut value: ::serde_json::Value = ::serde_json::from_str(#body).unwrap();
            let extra: ::serde_json::Value = ::serde_json::from_str(r#"{"nested": [1, true, null], "text": "kept"}"#).unwrap();
            value.as_object_mut().unwrap().insert(::std::string::String::from("x_undocumented_field"), extra);
            let parsed: #ty = ::serde_json::from_value(value.clone()).unwrap();
            let kept = parsed.unknown_fields.contains_key("x_undocumented_field");
            assert!(kept);
            let actual = ::serde_json::to_value(parsed).unwrap();
            assert_eq!(actual, value);
        }
    }
}

/// A value as constructor calls of the generated types.
pub(crate) fn value_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Str(s) => quote!(::std::string::String::from(#s)),
        Value::Int(n, Ty::I32) => {
            let literal = Literal::i32_suffixed(i32::try_from(*n).unwrap_or_default());
            quote!(#literal)
        }
        Value::Int(n, _) => {
            let literal = Literal::i64_suffixed(*n);
            quote!(#literal)
        }
        Value::Float(f) => {
            let literal = Literal::f64_suffixed(*f);
            quote!(#literal)
        }
        Value::Bool(b) => quote!(#b),
        Value::Null => quote!(::std::option::Option::None),
        Value::EnumValue { enum_name, variant: Some(variant), .. } => {
            let (ty, variant) = (ident(enum_name), ident(variant));
            quote!(crate::#ty::#variant)
        }
        Value::EnumValue { enum_name, variant: None, wire } => {
            let ty = ident(enum_name);
            quote!(crate::#ty::from(#wire))
        }
        Value::List(items) => {
            let items = items.iter().map(value_tokens);
            quote!(::std::vec::Vec::from([#(#items),*]))
        }
        Value::Struct { name, required, optional } => {
            let ty = ident(name);
            let args = required.iter().map(value_tokens);
            let setters = optional.iter().map(|(field, value, presence)| {
                let setter = ident(&crate::naming::setter_name(field));
                let value = match (presence, value) {
                    (Presence::Nullable, Value::Null) => quote!(::std::option::Option::None),
                    (Presence::Nullable, value) => {
                        let inner = value_tokens(value);
                        quote!(::std::option::Option::Some(#inner))
                    }
                    (_, value) => value_tokens(value),
                };
                quote!(.#setter(#value))
            });
            quote!(crate::#ty::new(#(#args),*) #(#setters)*)
        }
    }
}
