//! Checks of the `service:` section: names, endpoints, API style and auth schemes.

use super::{At, Checker, Path};
use crate::spec::{ApiStyle, AuthKind, SpecFile};

pub fn check(checker: &mut Checker<'_>, spec: &SpecFile) {
    let service = &spec.service;
    let path = Path::root().key("service");
    let name_ok = service.name.starts_with(|c: char| c.is_ascii_lowercase())
        && service.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !name_ok {
        checker.error(
            &path.key("name"),
            At::Value,
            format!("service name `{}` is not lowercase kebab-case", service.name),
            "use the vendor's short service name in lowercase, e.g. `ims` or `ecs`",
        );
    }
    let vendor = &service.vendor.name;
    let vendor_ok = vendor.starts_with(|c: char| c.is_ascii_lowercase())
        && vendor.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !vendor_ok {
        checker.error(
            &path.key("vendor").key("name"),
            At::Value,
            format!("vendor name `{vendor}` is not lowercase kebab-case"),
            "use the vendor's name as one lowercase word, e.g. `huaweicloud` or `opentelekomcloud`",
        );
    }
    check_endpoints(checker, spec, &path.key("endpoints"));
    check_style(checker, spec, &path);
    for (name, scheme) in &service.auth {
        let at = path.key("auth").key(name);
        if !service.vendor.family.accepts(scheme.kind) {
            checker.error(
                &at.key("kind"),
                At::Value,
                format!("auth scheme `{name}` is not spoken by the {:?} family", service.vendor.family),
                "check `service.vendor.family`: huawei signs with huawei-sdk-hmac-sha256 or header-token, alibaba with alibaba-*",
            );
        }
        let wants_header = scheme.kind == AuthKind::HeaderToken;
        if wants_header != scheme.header.is_some() {
            let message = if wants_header {
                format!("auth scheme `{name}` of kind header-token names no `header`")
            } else {
                format!("auth scheme `{name}` has a `header`, but only header-token schemes carry one")
            };
            checker.error(&at, At::Key, message, "add `header: X-Auth-Token` to header-token schemes only");
        }
    }
    if service.auth.is_empty() {
        checker.error(
            &path.key("auth"),
            At::Key,
            "the service declares no auth scheme",
            "declare the schemes the pages name",
        );
    }
}

fn check_endpoints(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path) {
    let endpoints = &spec.service.endpoints;
    let regional = &endpoints.regional;
    if !regional.contains("{region}") {
        checker.error(
            &path.key("regional"),
            At::Value,
            format!("regional endpoint `{regional}` has no `{{region}}` placeholder"),
            "write it as a template, e.g. `https://ims.{region}.myhuaweicloud.com`",
        );
    }
    let all = std::iter::once(("regional", regional)).chain(endpoints.global.iter().map(|g| ("global", g)));
    for (key, url) in all {
        if !url.starts_with("https://") && !url.starts_with("http://") {
            checker.error(
                &path.key(key),
                At::Value,
                format!("endpoint `{url}` has no scheme"),
                "start it with `https://`",
            );
        }
    }
    if let Some(global) = endpoints.global.as_ref().filter(|g| g.contains('{')) {
        checker.error(
            &path.key("global"),
            At::Value,
            format!("global endpoint `{global}` has a placeholder"),
            "a global endpoint serves every region; put templates under `regional`",
        );
    }
}

fn check_style(checker: &mut Checker<'_>, spec: &SpecFile, path: &Path) {
    let service = &spec.service;
    match (service.style, &service.api_version) {
        (ApiStyle::Rpc, None) => checker.error(
            &path.key("style"),
            At::Value,
            "RPC-style services need an `api_version`",
            "add the version the vendor's SDK sends, e.g. `api_version: \"2014-05-26\"`",
        ),
        (ApiStyle::RestJson, Some(_)) => checker.error(
            &path.key("api_version"),
            At::Key,
            "`api_version` is only sent by RPC-style services",
            "REST services carry their version in the path; remove `api_version`",
        ),
        _ => {}
    }
}
