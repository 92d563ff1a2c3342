//! Emitting: IR → token streams, one small function per construct. No decisions are made here; every
//! name, type and doc line comes from the IR.

mod example_tests;
mod manifest;
mod models;
mod operations;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Crate, Model, Ty};
use crate::render::{self, GeneratedFile};

/// Every file of one generated crate, paths relative to `generated/`.
pub fn emit_crate(krate: &Crate) -> Result<Vec<GeneratedFile>, String> {
    let dir = &krate.package;
    let rust = |path: &str, tokens: TokenStream| render::rust_file(&format!("{dir}/{path}"), &krate.spec_file, tokens);
    let mut files = vec![
        render::toml_file(&format!("{dir}/Cargo.toml"), &krate.spec_file, &manifest::emit_manifest(krate)),
        rust("src/lib.rs", emit_lib(krate))?,
        rust("src/operations.rs", emit_operations(krate))?,
        rust("src/example_tests.rs", example_tests::emit_example_tests(krate))?,
    ];
    // A spec without named types has no models module: `pub use models::*` over nothing fails clippy.
    if !krate.models.is_empty() {
        files.push(rust("src/models.rs", emit_models(krate))?);
    }
    Ok(files)
}

fn emit_lib(krate: &Crate) -> TokenStream {
    let doc = krate.docs.iter().map(|line| {
        let line = format!(" {}", crate::lower::sanitize(line));
        quote!(#![doc = #line])
    });
    let models = (!krate.models.is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod models;
        }
    });
    let use_models = (!krate.models.is_empty()).then(|| {
        quote!(
            pub use models::*;
        )
    });
    quote! {
        #(#doc)*
        #![forbid(unsafe_code)]

        #models
        #[rustfmt::skip]
        pub mod operations;
        #[cfg(test)]
        #[rustfmt::skip]
        mod example_tests;

        #use_models
        pub use operations::*;
    }
}

fn emit_models(krate: &Crate) -> TokenStream {
    let models = krate.models.iter().map(|model| match model {
        Model::Struct(s) => models::emit_struct(s),
        Model::Enum(e) => models::emit_enum(e),
    });
    quote! {
        #![doc = " The named types of the documentation pages: request bodies, responses, nested objects and enums."]
        #(#models)*
    }
}

fn emit_operations(krate: &Crate) -> TokenStream {
    let operations = krate.operations.iter().map(operations::emit_operation);
    let service = operations::emit_trait(krate);
    let client = operations::emit_client(krate);
    quote! {
        #![doc = " Operations: requests, metadata, error responses, the service trait and its HTTP client."]
        #(#operations)*
        #service
        #client
    }
}

/// One `#[doc]` attribute per line.
pub(crate) fn docs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {}", crate::lower::sanitize(line)) };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// An identifier; names come from [`crate::naming`], which only produces valid ones. Anything else
/// becomes an identifier that fails to compile visibly rather than a panic.
pub(crate) fn ident(name: &str) -> Ident {
    match syn::parse_str::<Ident>(name) {
        Ok(ident) => ident,
        Err(_) => Ident::new("__invalid_name_report_this_as_a_bug", Span::call_site()),
    }
}

/// A fully qualified type, so a spec type named `Option` or `String` cannot shadow std.
pub(crate) fn ty_tokens(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(::std::string::String),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F64 => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Struct(name) | Ty::Enum(name) => {
            let name = ident(name);
            quote!(crate::models::#name)
        }
        Ty::Vec(inner) => {
            let inner = ty_tokens(inner);
            quote!(::std::vec::Vec<#inner>)
        }
    }
}

/// A raw string literal (`r#"..."#`) so JSON examples read as on the page; falls back to an escaped
/// literal if the text cannot be a raw string.
pub(crate) fn raw_string(text: &str) -> TokenStream {
    let hashes = (1..).map(|n| "#".repeat(n)).find(|h| !text.contains(&format!("\"{h}"))).unwrap_or_default();
    match format!("r{hashes}\"{text}\"{hashes}").parse::<proc_macro2::Literal>() {
        Ok(literal) => quote!(#literal),
        Err(_) => quote!(#text),
    }
}
