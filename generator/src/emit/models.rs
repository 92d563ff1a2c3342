//! Structs and enums: declarations, constructors, setters, `Debug` with redaction, `Validate`, and the
//! enum conversions with their forward-compatible fallback.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident, ty_tokens};
use crate::ir::{BoolText, Check, Condition, Enum, Field, Presence, RuleCheck, RuleField, Struct, Ty};

/// A struct with everything that belongs to it.
pub fn emit_struct(model: &Struct) -> TokenStream {
    let statics = model.fields.iter().flat_map(|f| &f.checks).map(emit_pattern_static);
    let declaration = emit_struct_declaration(model);
    let debug = model.has_sensitive_fields().then(|| emit_redacted_debug(model));
    let constructors = emit_constructors(model);
    let validate = emit_validate(model);
    let query_object = model.query_object.then(|| emit_query_object(model));
    quote! {
        #(#statics)*
        #declaration
        #debug
        #constructors
        #validate
        #query_object
    }
}

/// `#[allow(deprecated)]` for the impls of a struct with deprecated fields: its own code must read them.
pub fn allow_deprecated(model: &Struct) -> Option<TokenStream> {
    model.fields.iter().any(|f| f.deprecated.is_some()).then(|| quote!(#[allow(deprecated)]))
}

/// A page's deprecation as `#[deprecated]`.
fn deprecated_attribute(field: &Field) -> Option<TokenStream> {
    field.deprecated.as_ref().map(|note| quote!(#[deprecated(note = #note)]))
}

/// Numbered query items: each set field becomes `<prefix>.<Field>`.
fn emit_query_object(model: &Struct) -> TokenStream {
    let name = ident(&model.name);
    let allow = allow_deprecated(model);
    let pushes = model.query_item_fields().into_iter().map(|field| {
        let member = ident(&field.name);
        let suffix = format!(".{}", field.wire_name);
        let push = quote!(query.push_named(::std::format!("{}{}", prefix, #suffix), value););
        match field.presence {
            Presence::Required => quote!({ let value = &self.#member; #push }),
            Presence::Optional => quote!(if let ::std::option::Option::Some(value) = &self.#member { #push }),
            Presence::Nullable => {
                quote!(if let ::std::option::Option::Some(::std::option::Option::Some(value)) = &self.#member { #push })
            }
        }
    });
    quote! {
        #allow
        impl ::cloudgen_runtime::query::QueryObject for #name {
            fn flatten_into(&self, prefix: &str, query: &mut ::cloudgen_runtime::query::Query) {
                #(#pushes)*
            }
        }
    }
}

/// How the family's SDK writes booleans, as the runtime names it.
pub fn bool_text_tokens(bools: BoolText) -> TokenStream {
    match bools {
        BoolText::Lowercase => quote!(::cloudgen_runtime::query::BoolText::Lowercase),
        BoolText::Capitalized => quote!(::cloudgen_runtime::query::BoolText::Capitalized),
    }
}

fn emit_struct_declaration(model: &Struct) -> TokenStream {
    let name = ident(&model.name);
    let doc = docs(&model.docs);
    let debug = (!model.has_sensitive_fields()).then(|| quote!(Debug,));
    let default = model.fields.iter().all(|f| f.presence != Presence::Required).then(|| quote!(Default,));
    let serde = model.serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
    let fields = model.fields.iter().map(|field| {
        let name = ident(&field.name);
        let doc = docs(&field.docs);
        let ty = field_type(field);
        let serde = model.serde.then(|| serde_attributes(field));
        let deprecated = deprecated_attribute(field);
        quote! { #doc #deprecated #serde pub #name: #ty, }
    });
    let unknown = model.keeps_unknown_fields.then(|| {
        quote! {
            /// Fields the page does not document, kept as received so they survive a round trip.
            #[serde(flatten)]
            pub unknown_fields: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        }
    });
    quote! {
        #doc
        #[derive(Clone, PartialEq, #debug #default #serde)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #unknown
        }
    }
}

/// The field's full type, with its optionality (and its box, for a recursive type).
fn field_type(field: &Field) -> TokenStream {
    let ty = ty_tokens(&field.ty);
    let ty = if field.boxed { quote!(::std::boxed::Box<#ty>) } else { ty };
    match field.presence {
        Presence::Required => ty,
        Presence::Optional => quote!(::std::option::Option<#ty>),
        Presence::Nullable => quote!(::std::option::Option<::std::option::Option<#ty>>),
    }
}

fn serde_attributes(field: &Field) -> TokenStream {
    let rename = (field.name != field.wire_name).then(|| {
        let wire = &field.wire_name;
        quote!(rename = #wire,)
    });
    let presence = match field.presence {
        Presence::Required => None,
        Presence::Optional => Some(quote!(default, skip_serializing_if = "::std::option::Option::is_none",)),
        Presence::Nullable => Some(quote!(
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            with = "::cloudgen_runtime::nullable",
        )),
    };
    if rename.is_none() && presence.is_none() {
        return TokenStream::new();
    }
    quote!(#[serde(#rename #presence)])
}

fn emit_redacted_debug(model: &Struct) -> TokenStream {
    let name = ident(&model.name);
    let label = &model.name;
    let fields = model.fields.iter().map(|field| {
        let wire = &field.name;
        let name = ident(&field.name);
        match (field.sensitive, field.presence) {
            (false, _) => quote!(.field(#wire, &self.#name)),
            (true, Presence::Required) => quote!(.field(#wire, &::cloudgen_runtime::redact::Redacted)),
            (true, _) => quote!(.field(#wire, &::cloudgen_runtime::redact::redact_option(&self.#name))),
        }
    });
    let unknown = model.keeps_unknown_fields.then(|| quote!(.field("unknown_fields", &self.unknown_fields)));
    let allow = allow_deprecated(model);
    quote! {
        #allow
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #unknown .finish()
            }
        }
    }
}

/// The type a constructor or setter accepts: `impl Into<String>` for strings, the field type otherwise.
fn argument_type(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(impl ::std::convert::Into<::std::string::String>),
        other => ty_tokens(other),
    }
}

fn argument_value(ty: &Ty, name: &proc_macro2::Ident) -> TokenStream {
    match ty {
        Ty::String => quote!(#name.into()),
        _ => quote!(#name),
    }
}

fn emit_constructors(model: &Struct) -> TokenStream {
    let name = ident(&model.name);
    let required: Vec<&Field> = model.fields.iter().filter(|f| f.presence == Presence::Required).collect();
    let params = required.iter().map(|f| {
        let arg = ident(&f.name);
        let ty = argument_type(&f.ty);
        quote!(#arg: #ty)
    });
    let inits = model.fields.iter().map(|f| {
        let field = ident(&f.name);
        match f.presence {
            Presence::Required if f.ty == Ty::String => quote!(#field: #field.into()),
            Presence::Required if f.boxed => quote!(#field: ::std::boxed::Box::new(#field)),
            Presence::Required => quote!(#field),
            _ => quote!(#field: ::std::option::Option::None),
        }
    });
    let unknown = model.keeps_unknown_fields.then(|| quote!(unknown_fields: ::serde_json::Map::new(),));
    let setters = model.fields.iter().filter(|f| f.presence != Presence::Required).map(emit_setter);
    let new_doc = format!(" Builds `{}` from its mandatory values; everything else starts unset.", model.name);
    // Clippy's threshold: a request with many mandatory values keeps them positional, like the pages.
    let many_arguments = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let allow = allow_deprecated(model);
    quote! {
        #allow
        impl #name {
            #[doc = #new_doc]
            #many_arguments
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* #unknown }
            }

            #(#setters)*

            /// Checks every documented constraint of this value and the values inside it, and returns
            /// all violations at once.
            pub fn validate(&self) -> ::std::result::Result<(), ::cloudgen_runtime::ValidationError> {
                let mut out = ::cloudgen_runtime::Violations::new();
                ::cloudgen_runtime::constraints::Validate::validate_into(self, "", &mut out);
                out.into_result()
            }
        }
    }
}

fn emit_setter(field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let setter = ident(&crate::naming::setter_name(&field.name));
    let doc = format!(" Sets `{}`.", field.name);
    let deprecated = deprecated_attribute(field);
    let setter_tokens = match field.presence {
        Presence::Nullable => {
            let ty = ty_tokens(&field.ty);
            let boxing = field.boxed.then(|| quote!(.map(::std::boxed::Box::new)));
            let doc = format!(" Sets `{}`; `None` sends an explicit `null`.", field.name);
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, #name: ::std::option::Option<#ty>) -> Self {
                    self.#name = ::std::option::Option::Some(#name #boxing);
                    self
                }
            }
        }
        _ => {
            let ty = argument_type(&field.ty);
            let value = argument_value(&field.ty, &name);
            let value = if field.boxed { quote!(::std::boxed::Box::new(#value)) } else { value };
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, #name: #ty) -> Self {
                    self.#name = ::std::option::Option::Some(#value);
                    self
                }
            }
        }
    };
    quote!(#deprecated #setter_tokens)
}

fn emit_validate(model: &Struct) -> TokenStream {
    let name = ident(&model.name);
    let mut checks: Vec<TokenStream> = model.fields.iter().filter_map(emit_field_validation).collect();
    checks.extend(model.rules.iter().map(emit_rule));
    let (path, out) = if checks.is_empty() { (quote!(_path), quote!(_out)) } else { (quote!(path), quote!(out)) };
    let allow = allow_deprecated(model);
    quote! {
        #allow
        impl ::cloudgen_runtime::constraints::Validate for #name {
            fn validate_into(&self, #path: &str, #out: &mut ::cloudgen_runtime::Violations) {
                #(#checks)*
            }
        }
    }
}

fn emit_field_validation(field: &Field) -> Option<TokenStream> {
    let deep = field.ty.needs_deep_validation();
    if field.checks.is_empty() && !deep {
        return None;
    }
    let name = ident(&field.name);
    let wire = &field.wire_name;
    let checks = field.checks.iter().map(|check| emit_check(check, &field.ty));
    let deep = deep.then(|| quote!(::cloudgen_runtime::constraints::Validate::validate_into(value, path, out);));
    let body = quote! {
        let path = &::cloudgen_runtime::constraints::join(path, #wire);
        #(#checks)*
        #deep
    };
    Some(match field.presence {
        Presence::Required => quote!({ let value = &self.#name; #body }),
        Presence::Optional => quote!(if let ::std::option::Option::Some(value) = &self.#name { #body }),
        Presence::Nullable => quote! {
            if let ::std::option::Option::Some(::std::option::Option::Some(value)) = &self.#name { #body }
        },
    })
}

/// Whether a rule's field is set, and its value as `Option<&T>`.
fn rule_is_set(field: &RuleField) -> TokenStream {
    let name = ident(&field.name);
    match field.presence {
        Presence::Required => quote!(true),
        Presence::Optional => quote!(self.#name.is_some()),
        Presence::Nullable => {
            quote!(::std::matches!(self.#name, ::std::option::Option::Some(::std::option::Option::Some(_))))
        }
    }
}

fn rule_value(field: &RuleField) -> TokenStream {
    let name = ident(&field.name);
    match field.presence {
        Presence::Required => quote!(::std::option::Option::Some(&self.#name)),
        Presence::Optional => quote!(self.#name.as_ref()),
        Presence::Nullable => quote!(self.#name.as_ref().and_then(::std::option::Option::as_ref)),
    }
}

fn rule_fields(fields: &[RuleField]) -> TokenStream {
    let pairs = fields.iter().map(|f| {
        let wire = &f.wire_name;
        let set = rule_is_set(f);
        quote!((#wire, #set))
    });
    quote!(&[#(#pairs),*])
}

fn condition_tokens(when: &Condition) -> TokenStream {
    match when {
        Condition::Present(field) => rule_is_set(field),
        Condition::Absent(field) => {
            let name = ident(&field.name);
            match field.presence {
                Presence::Required => quote!(false),
                Presence::Optional => quote!(self.#name.is_none()),
                Presence::Nullable => {
                    quote!(!::std::matches!(self.#name, ::std::option::Option::Some(::std::option::Option::Some(_))))
                }
            }
        }
        Condition::Equals(field, values) => {
            let value = rule_value(field);
            quote!(#value.is_some_and(|value| [#(#values),*].contains(&::std::string::ToString::to_string(value).as_str())))
        }
    }
}

/// One cross-field rule, checked with the runtime's helper of its kind.
fn emit_rule(rule: &RuleCheck) -> TokenStream {
    let rules = quote!(::cloudgen_runtime::rules);
    match rule {
        RuleCheck::Requires { field, needs, description } => {
            let (wire, set, needs) = (&field.wire_name, rule_is_set(field), rule_fields(needs));
            quote!(#rules::check_requires(out, path, (#wire, #set), #needs, #description);)
        }
        RuleCheck::Conflicts { fields, description } => {
            let fields = rule_fields(fields);
            quote!(#rules::check_conflicts(out, path, #fields, #description);)
        }
        RuleCheck::ExactlyOne { fields, description } => {
            let fields = rule_fields(fields);
            quote!(#rules::check_exactly_one(out, path, #fields, #description);)
        }
        RuleCheck::AtMostOne { fields, description } => {
            let fields = rule_fields(fields);
            quote!(#rules::check_at_most_one(out, path, #fields, #description);)
        }
        RuleCheck::AtLeastOne { fields, description } => {
            let fields = rule_fields(fields);
            quote!(#rules::check_at_least_one(out, path, #fields, #description);)
        }
        RuleCheck::Precedence { fields, description } => {
            let fields = rule_fields(fields);
            quote!(#rules::check_precedence(out, path, #fields, #description);)
        }
        RuleCheck::RequiredWhen { field, when, description } => {
            let (wire, set, condition) = (&field.wire_name, rule_is_set(field), condition_tokens(when));
            quote!(#rules::check_required_when(out, path, (#wire, #set), #condition, #description);)
        }
        RuleCheck::RangeWhen { field, when, min, max, description } => {
            let wire = &field.wire_name;
            let value = rule_value(field);
            let condition = condition_tokens(when);
            let bound = |n: &Option<i64>| match n {
                Some(n) => quote!(::std::option::Option::Some(#n)),
                None => quote!(::std::option::Option::None),
            };
            let (min, max) = (bound(min), bound(max));
            quote! {
                #rules::check_range_when(out, path, #wire, #value.map(|v| ::std::primitive::i64::from(*v)), #condition, (#min, #max), #description);
            }
        }
    }
}

fn emit_check(check: &Check, ty: &Ty) -> TokenStream {
    let rules = quote!(::cloudgen_runtime::constraints);
    let text = quote!(::std::convert::AsRef::<str>::as_ref(value));
    let opt = |n: &Option<u64>| match n {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    };
    let opt_i = |n: &Option<i64>| match n {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    };
    match check {
        Check::Length { min, max } => {
            let (min, max) = (opt(min), opt(max));
            quote!(#rules::check_length(out, path, #text, #min, #max);)
        }
        Check::Pattern { static_name, description, .. } => {
            let name = ident(static_name);
            quote!(#rules::check_pattern(out, path, #text, #name.compiled(), #description);)
        }
        Check::ForbiddenPrefixes(list) => quote!(#rules::check_forbidden_prefixes(out, path, #text, &[#(#list),*]);),
        Check::ForbiddenSuffixes(list) => quote!(#rules::check_forbidden_suffixes(out, path, #text, &[#(#list),*]);),
        Check::ForbiddenSubstrings(list) => {
            quote!(#rules::check_forbidden_substrings(out, path, #text, &[#(#list),*]);)
        }
        Check::Items { min, max } => {
            let (min, max) = (opt(min), opt(max));
            quote!(#rules::check_items(out, path, value.len(), #min, #max);)
        }
        Check::Range { min, max } => {
            let (min, max) = (opt_i(min), opt_i(max));
            match ty {
                Ty::F64 => quote!(#rules::check_range_f64(out, path, *value, #min, #max);),
                _ => quote!(#rules::check_range(out, path, ::std::primitive::i64::from(*value), #min, #max);),
            }
        }
        Check::Password {
            min_char_classes,
            special_chars,
            reject_other_chars,
            forbidden_words,
            forbid_reversed_words,
        } => quote! {
            #rules::check_password(out, path, #text, &#rules::PasswordPolicy {
                min_char_classes: #min_char_classes,
                special_chars: #special_chars,
                reject_other_chars: #reject_other_chars,
                forbidden_words: &[#(#forbidden_words),*],
                forbid_reversed_words: #forbid_reversed_words,
            });
        },
    }
}

fn emit_pattern_static(check: &Check) -> Option<TokenStream> {
    let Check::Pattern { static_name, regex, doc, .. } = check else { return None };
    let name = ident(static_name);
    let doc = format!(" Compiled on first use: {}", crate::lower::sanitize(doc));
    Some(quote! {
        #[doc = #doc]
        static #name: ::cloudgen_runtime::constraints::Pattern = ::cloudgen_runtime::constraints::Pattern::new(#regex);
    })
}

/// An enum with its conversions, serde impls and `Validate`.
pub fn emit_enum(model: &Enum) -> TokenStream {
    let name = ident(&model.name);
    let doc = docs(&model.docs);
    let fallback = ident(&model.fallback);
    let variants = model.variants.iter().map(|v| {
        let doc = docs(&v.docs);
        let variant = ident(&v.name);
        quote! { #doc #variant, }
    });
    let names: Vec<_> = model.variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&String> = model.variants.iter().map(|v| &v.wire_value).collect();
    let validate = emit_enum_validate(model);
    let error_rows = model.error_rows.as_ref().map(|rows| {
        let arms = model.variants.iter().zip(rows).map(|(v, rows)| {
            let variant = ident(&v.name);
            let rows = rows.iter().map(|(status, message)| quote!((#status, #message)));
            quote!(Self::#variant => &[#(#rows),*],)
        });
        quote! {
            impl #name {
                /// The rows of the page's error table for this code: HTTP status and message, as the page
                /// writes it (`%s` stands for text the service fills in).
                pub fn documented_rows(&self) -> &'static [(u16, &'static str)] {
                    match self {
                        #(#arms)*
                        Self::#fallback(_) => &[],
                    }
                }

                /// The documented row a response's status and message are, if any.
                pub fn matching_row(&self, status: u16, message: &str) -> ::std::option::Option<(u16, &'static str)> {
                    self.documented_rows()
                        .iter()
                        .copied()
                        .find(|(s, template)| *s == status && ::cloudgen_runtime::error::message_matches(template, message))
                }
            }
        }
    });
    quote! {
        #error_rows
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the page does not document, kept exactly as received.
            #fallback(::cloudgen_runtime::UnknownValue),
        }

        impl #name {
            /// The documented wire values, in the page's order.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #wires,)*
                    Self::#fallback(value) => value.as_str(),
                }
            }

            /// Whether the value is one the page documents.
            pub fn is_documented(&self) -> bool {
                !matches!(self, Self::#fallback(_))
            }
        }

        impl ::cloudgen_runtime::enums::WireEnum for #name {
            const VALUES: &'static [&'static str] = #name::VALUES;

            fn as_str(&self) -> &str {
                #name::as_str(self)
            }

            fn is_documented(&self) -> bool {
                #name::is_documented(self)
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#names,)*
                    other => Self::#fallback(::cloudgen_runtime::UnknownValue::__new(other.to_owned())),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

        #validate
    }
}

fn emit_enum_validate(model: &Enum) -> TokenStream {
    let name = ident(&model.name);
    if model.open {
        return quote! {
            impl ::cloudgen_runtime::constraints::Validate for #name {
                fn validate_into(&self, _path: &str, _out: &mut ::cloudgen_runtime::Violations) {}
            }
        };
    }
    let fallback = ident(&model.fallback);
    let known = model.variants.iter().map(|v| v.wire_value.as_str()).collect::<Vec<_>>().join(", ");
    let message = format!("is not one of the documented values: {known}");
    quote! {
        impl ::cloudgen_runtime::constraints::Validate for #name {
            fn validate_into(&self, path: &str, out: &mut ::cloudgen_runtime::Violations) {
                if let Self::#fallback(value) = self {
                    out.push(path, ::std::format!("`{}` {}", value, #message));
                }
            }
        }
    }
}
