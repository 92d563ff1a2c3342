//! The generated clients against a real local HTTP server (wiremock): for each of the five operations the
//! exact method, path, query, headers, body and a signature a server can verify, equal to what the
//! official SDK sent for the same values (`runtime/tests/vectors/`); every documented status mapped to its
//! typed result or error; retries, timeouts and path encoding.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::sync::Arc;
use std::time::{Duration, Instant, UNIX_EPOCH};

use cloudgen_runtime::Error;
use cloudgen_runtime::client::alibaba::{AlibabaCredentials, AlibabaSignature};
use cloudgen_runtime::client::huawei::{HuaweiAuth, HuaweiCredentials};
use cloudgen_runtime::client::{ClientConfig, RetryPolicy};
use cloudgen_runtime::signing::{alibaba_acs3, huawei as huawei_signer};
use cloudgen_tests::workspace_root;
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request as Received, ResponseTemplate};

/// 2026-11-23T12:00:00Z, the clock the vectors were recorded with.
const VECTOR_TIME: u64 = 1_795_435_200;
const PROJECT_ID: &str = "a4da8115c9d8464ead3a38309130523f";

fn vector(file: &str, name: &str) -> Value {
    let text = std::fs::read_to_string(workspace_root().join("runtime/tests/vectors").join(file)).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    all["vectors"].as_array().unwrap().iter().find(|v| v["name"] == name).unwrap().clone()
}

/// A config like the vectors': fixed clock and nonce, the user agent the SDK sent, retries as given.
fn config(server: &MockServer, user_agent: &str, nonce: &'static str, retry: RetryPolicy) -> ClientConfig {
    let mut config = ClientConfig::new(server.uri());
    config.clock = Arc::new(|| UNIX_EPOCH + Duration::from_secs(VECTOR_TIME));
    config.nonce = Arc::new(move || nonce.to_owned());
    config.user_agent = user_agent.to_owned();
    config.retry = retry;
    config
}

const HUAWEI_UA: &str = "huaweicloud-usdk-python/3.0; signing-vectors/1.0";

fn huawei_auth() -> HuaweiAuth {
    HuaweiAuth::AkSk(HuaweiCredentials::new("HPUAEXAMPLEAK0000001", "exampleSecretKey0001").with_project_id(PROJECT_ID))
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_secs(5),
        ..RetryPolicy::default()
    }
}

async fn only_request(server: &MockServer) -> Received {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.into_iter().next().unwrap()
}

fn header(request: &Received, name: &str) -> String {
    request.headers.get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// Verifies a Huawei signature as a server would (from the headers `SignedHeaders` names) and returns
/// the canonical request it covers.
fn verify_huawei(request: &Received, sk: &str) -> String {
    let authorization = header(request, "authorization");
    let signed = authorization.split("SignedHeaders=").nth(1).unwrap().split(',').next().unwrap();
    let headers: Vec<(String, String)> =
        signed.split(';').map(|name| (name.to_owned(), header(request, name))).collect();
    let query: Vec<(String, String)> =
        request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let body = (!request.body.is_empty()).then_some(request.body.as_slice());
    let signable = huawei_signer::SignableRequest {
        method: request.method.as_str(),
        path: request.url.path(),
        query: &query,
        body,
    };
    let signature = huawei_signer::sign(&signable, &headers, "HPUAEXAMPLEAK0000001", sk);
    assert_eq!(signature.authorization, authorization, "the signature verifies against what was received");
    signature.canonical_request
}

/// Checks a received Huawei request against the SDK's vector: same method, path, body bytes and headers,
/// and the same canonical request except for the test server's port in `Host`.
fn assert_matches_huawei_vector(request: &Received, name: &str) {
    assert_matches_huawei_vector_in(request, "huawei_sdk_hmac_sha256.json", name);
}

fn assert_matches_huawei_vector_in(request: &Received, file: &str, name: &str) {
    let vector = vector(file, name);
    let expected = &vector["expected"];
    assert_eq!(request.method.as_str(), vector["input"]["method"].as_str().unwrap());
    let path_and_query = match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_owned(),
    };
    assert_eq!(path_and_query, expected["wire_path_and_query"].as_str().unwrap());
    assert_eq!(String::from_utf8(request.body.clone()).unwrap(), expected["wire_body"].as_str().unwrap());
    for (name, value) in
        expected["wire_headers"].as_array().unwrap().iter().map(|h| (h[0].as_str().unwrap(), h[1].as_str().unwrap()))
    {
        if !matches!(name, "Host" | "Authorization") {
            assert_eq!(header(request, name), value, "{name}");
        }
    }
    let host = header(request, "host");
    let canonical = verify_huawei(request, vector["input"]["sk"].as_str().unwrap());
    let sdk_canonical =
        expected["canonical_request"].as_str().unwrap().replace("host:127.0.0.1:18765", &format!("host:{host}"));
    assert_eq!(canonical, sdk_canonical);
}

/// Checks a received ACS3 request against the SDK's vector: the wire query byte for byte, no body, and a
/// signature that verifies, as a server would, over every header `Authorization` names, with the SDK's
/// canonical request (apart from the test server's port in `Host`).
fn assert_matches_acs3_vector(received: &Received, vector: &Value) {
    let expected = &vector["expected"];
    assert_eq!(format!("/?{}", received.url.query().unwrap()), expected["wire_path_and_query"].as_str().unwrap());
    assert!(received.body.is_empty());
    let authorization = header(received, "authorization");
    let signed = authorization.split("SignedHeaders=").nth(1).unwrap().split(',').next().unwrap();
    let headers: Vec<(String, String)> = signed.split(';').map(|n| (n.to_owned(), header(received, n))).collect();
    let query: Vec<(String, String)> =
        received.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let signature =
        alibaba_acs3::sign("POST", "/", &query, &headers, "LTAI5tEXAMPLEAK00001", "exampleAlibabaSecret0001");
    assert_eq!(signature.authorization, authorization);
    let host = header(received, "host");
    let sdk = expected["canonical_request"].as_str().unwrap().replace("host:127.0.0.1:18765", &format!("host:{host}"));
    assert_eq!(signature.canonical_request, sdk);
}

/// The user agent an Alibaba vector was recorded with (it carries the recording machine's OS and Python).
fn alibaba_user_agent(vector: &Value) -> String {
    vector["input"]["headers"].as_array().unwrap().iter().find(|h| h[0] == "user-agent").unwrap()[1]
        .as_str()
        .unwrap()
        .to_owned()
}

mod workspaceapp {
    use huaweicloud_workspaceapp::*;

    use super::*;

    fn client(server: &MockServer, retry: RetryPolicy) -> WorkspaceappClient {
        WorkspaceappClient::with_config(config(server, HUAWEI_UA, "", retry), huawei_auth()).unwrap()
    }

    fn batch_request() -> BatchChangeServerImageRequest {
        let body = BatchChangeServerImageRequestBody::new(
            "35998d9a-14f2-48fc-832b-6fc0074dc8f8",
            ImageType::Private,
            OsType::Windows,
        )
        .with_server_ids(vec!["25b1dd14-0c84-4558-aa57-03a6c54b8e75".to_owned()])
        .with_image_product_id("35998d9a-14f2-48fc-832b-6fc0074dc8f8")
        .with_update_access_agent(true);
        BatchChangeServerImageRequest::new(body)
    }

    const BATCH_PATH: &str = "/v1/a4da8115c9d8464ead3a38309130523f/app-servers/actions/batch-change-image";

    #[tokio::test]
    async fn batch_change_server_image_sends_what_the_sdk_sends_and_decodes_200() {
        let server = MockServer::start().await;
        let example = r#"{"items": [{"server_id": "84d5dd05", "job_id": "", "error_code": "WKS.00129901", "error_message": "The service is now unavailable to process the request."}]}"#;
        Mock::given(method("POST"))
            .and(path(BATCH_PATH))
            .respond_with(ResponseTemplate::new(200).set_body_raw(example, "application/json"))
            .mount(&server)
            .await;
        let response = client(&server, RetryPolicy::none()).batch_change_server_image(batch_request()).await.unwrap();
        let items = response.items.unwrap();
        assert_eq!(items[0].error_code.as_deref(), Some("WKS.00129901"));
        assert_matches_huawei_vector(&only_request(&server).await, "workspaceapp/batch_change_server_image");
    }

    #[tokio::test]
    async fn recreate_server_image_sends_what_the_sdk_sends() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200).set_body_raw(r#"{"job_id": "697354472828968960"}"#, "application/json"),
            )
            .mount(&server)
            .await;
        let body =
            RecreateServerImageRequestBody::new("image_name_0508").with_description("This is an image recreate desc.");
        let request = RecreateServerImageRequest::new("25b1dd14-0c84-4558-aa57-03a6c54b8e75", body);
        let response = client(&server, RetryPolicy::none()).recreate_server_image(request).await.unwrap();
        assert_eq!(response.job_id.as_deref(), Some("697354472828968960"));
        assert_matches_huawei_vector(&only_request(&server).await, "workspaceapp/recreate_server_image");
    }

    #[tokio::test]
    async fn every_documented_error_status_is_typed() {
        for (status, variant) in [
            (400, "BadRequest"),
            (401, "Unauthorized"),
            (403, "Forbidden"),
            (404, "NotFound"),
            (405, "MethodNotAllowed"),
            (500, "InternalServerError"),
            (503, "ServiceUnavailable"),
        ] {
            let server = MockServer::start().await;
            let body = r#"{"error_code": "WKS.00010001", "error_msg": "something went wrong"}"#;
            Mock::given(method("POST"))
                .respond_with(
                    ResponseTemplate::new(status)
                        .set_body_raw(body, "application/json")
                        .insert_header("X-Request-Id", "req-42"),
                )
                .mount(&server)
                .await;
            let error =
                client(&server, RetryPolicy::none()).batch_change_server_image(batch_request()).await.unwrap_err();
            let Error::Service(service) = error else { panic!("{status}: {error:?}") };
            assert_eq!(service.status, status);
            assert_eq!(service.kind.status(), status);
            assert!(format!("{:?}", service.kind).starts_with(variant), "{:?}", service.kind);
            assert_eq!(service.code.as_deref(), Some("WKS.00010001"));
            assert_eq!(service.message.as_deref(), Some("something went wrong"));
            assert_eq!(service.request_id.as_deref(), Some("req-42"));
        }
    }

    #[tokio::test]
    async fn an_undocumented_status_keeps_the_raw_body() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(418).set_body_string("teapot"))
            .mount(&server)
            .await;
        let error = client(&server, RetryPolicy::none()).batch_change_server_image(batch_request()).await.unwrap_err();
        let Error::Unexpected(response) = error else { panic!("{error:?}") };
        assert_eq!((response.status, response.body.as_str()), (418, "teapot"));
    }

    #[tokio::test]
    async fn a_post_is_not_retried_after_a_500() {
        let server = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(500).set_body_string("{}")).mount(&server).await;
        let error = client(&server, fast_retries()).batch_change_server_image(batch_request()).await.unwrap_err();
        assert!(matches!(error, Error::Service(ref e) if e.status == 500), "{error:?}");
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_post_is_retried_after_a_503_which_was_not_applied() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(503).set_body_string("{}"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_string("{}")).mount(&server).await;
        client(&server, fast_retries()).batch_change_server_image(batch_request()).await.unwrap();
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[0].body, requests[1].body, "the same request, signed again");
    }

    #[tokio::test]
    async fn a_timeout_is_a_transport_error_and_a_post_is_not_resent() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_string("{}").set_delay(Duration::from_secs(3)))
            .mount(&server)
            .await;
        let mut config = config(&server, HUAWEI_UA, "", fast_retries());
        config.timeout = Duration::from_millis(200);
        let client = WorkspaceappClient::with_config(config, huawei_auth()).unwrap();
        let error = client.batch_change_server_image(batch_request()).await.unwrap_err();
        assert!(matches!(error, Error::Transport(_)), "{error:?}");
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_missing_project_id_is_reported_before_sending() {
        let server = MockServer::start().await;
        let auth = HuaweiAuth::AkSk(HuaweiCredentials::new("AK", "SK"));
        let client =
            WorkspaceappClient::with_config(config(&server, HUAWEI_UA, "", RetryPolicy::none()), auth).unwrap();
        let error = client.batch_change_server_image(batch_request()).await.unwrap_err();
        assert!(error.to_string().contains("needs a project id"), "{error}");
        assert_eq!(server.received_requests().await.unwrap().len(), 0);
    }

    #[tokio::test]
    async fn token_auth_sends_x_auth_token_and_no_signature() {
        let server = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_string("{}")).mount(&server).await;
        let auth = HuaweiAuth::Token { token: "MIIT-token".to_owned(), project_id: Some(PROJECT_ID.to_owned()) };
        let client =
            WorkspaceappClient::with_config(config(&server, HUAWEI_UA, "", RetryPolicy::none()), auth).unwrap();
        client.batch_change_server_image(batch_request()).await.unwrap();
        let request = only_request(&server).await;
        assert_eq!(header(&request, "x-auth-token"), "MIIT-token");
        assert_eq!(header(&request, "authorization"), "");
        assert_eq!(request.url.path(), BATCH_PATH);
    }
}

mod ims {
    use huaweicloud_ims::*;

    use super::*;

    fn client(server: &MockServer) -> ImsClient {
        ImsClient::with_config(config(server, HUAWEI_UA, "", RetryPolicy::none()), huawei_auth()).unwrap()
    }

    fn rename(image_id: &str) -> UpdateImageRequest {
        UpdateImageRequest::new(
            image_id,
            vec![ImagePatchOperation::new(PatchOp::Replace, ImagePatchPath::Name, "ims_test")],
        )
    }

    #[tokio::test]
    async fn update_image_sends_the_json_patch_array_as_the_sdk_does() {
        let server = MockServer::start().await;
        let example = r#"{"id": "33ad552d-1149-471c-8190-ff6776174a00", "name": "ims_test", "status": "active", "__os_type": "Linux", "__data_origin": null}"#;
        Mock::given(method("PATCH"))
            .and(path("/v2/cloudimages/33ad552d-1149-471c-8190-ff6776174a00"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(example, "application/json"))
            .mount(&server)
            .await;
        let image = client(&server).update_image(rename("33ad552d-1149-471c-8190-ff6776174a00")).await.unwrap();
        assert_eq!(image.status, Some(ImageStatus::Active));
        assert_eq!(image.data_origin, Some(None), "null is kept apart from absent");
        assert_matches_huawei_vector(&only_request(&server).await, "ims/update_image");
    }

    #[tokio::test]
    async fn an_error_status_without_a_documented_body_keeps_its_text() {
        let server = MockServer::start().await;
        let body = r#"{"error": {"code": "IMG.0001", "message": "image not found"}}"#;
        Mock::given(method("PATCH"))
            .respond_with(ResponseTemplate::new(404).set_body_string(body))
            .mount(&server)
            .await;
        let error = client(&server).update_image(rename("img-1")).await.unwrap_err();
        let Error::Service(service) = error else { panic!("{error:?}") };
        assert_eq!(service.kind, UpdateImageErrorResponse::NotFound(body.to_owned()));
        assert_eq!(service.code.as_deref(), Some("IMG.0001"), "the nested `error` object is read too");
    }

    #[tokio::test]
    async fn every_documented_error_status_is_typed() {
        for status in [400u16, 401, 403, 404, 500, 503] {
            let server = MockServer::start().await;
            Mock::given(method("PATCH"))
                .respond_with(ResponseTemplate::new(status).set_body_string("text"))
                .mount(&server)
                .await;
            let error = client(&server).update_image(rename("img-1")).await.unwrap_err();
            let Error::Service(service) = error else { panic!("{status}: {error:?}") };
            assert_eq!(service.kind.status(), status);
        }
    }

    #[tokio::test]
    async fn ids_cannot_change_the_path() {
        let server = MockServer::start().await;
        Mock::given(method("PATCH"))
            .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
            .mount(&server)
            .await;
        for (id, sent) in [
            ("../x", "/v2/cloudimages/..%2Fx"),
            ("a/b", "/v2/cloudimages/a%2Fb"),
            ("a b?c#d", "/v2/cloudimages/a%20b%3Fc%23d"),
        ] {
            client(&server).update_image(rename(id)).await.unwrap();
            let requests = server.received_requests().await.unwrap();
            assert_eq!(requests.last().unwrap().url.path(), sent);
        }
        for id in ["..", ".", ""] {
            let error = client(&server).update_image(rename(id)).await.unwrap_err();
            assert!(matches!(error, Error::Validation(_)), "{id:?}: {error:?}");
        }
        assert_eq!(server.received_requests().await.unwrap().len(), 3, "invalid ids were never sent");
    }
}

mod clouddc {
    use huaweicloud_clouddc::*;

    use super::*;

    fn client(server: &MockServer, retry: RetryPolicy) -> ClouddcClient {
        ClouddcClient::with_config(config(server, HUAWEI_UA, "", retry), huawei_auth()).unwrap()
    }

    fn reinstall() -> ReinstallOsRequest {
        let body = ReinstallOsRequestBody::new("Test@Passw0rd")
            .with_image_id("33ad552d-1149-471c-8190-ff6776174a00")
            .with_instance_id_set(vec!["0197f36d-d83b-7258-b177-3784b7887a17".to_owned()]);
        ReinstallOsRequest::new(body)
    }

    #[tokio::test]
    async fn reinstall_os_puts_what_the_sdk_sends_and_202_is_success() {
        let server = MockServer::start().await;
        let example = r#"{"instances": [{"id": "0197f36d-d83b-7258-b177-3784b7887a17"}]}"#;
        Mock::given(method("PUT"))
            .and(path("/v1/a4da8115c9d8464ead3a38309130523f/instances/reinstall"))
            .respond_with(ResponseTemplate::new(202).set_body_raw(example, "application/json"))
            .mount(&server)
            .await;
        let response = client(&server, RetryPolicy::none()).reinstall_os(reinstall()).await.unwrap();
        assert_eq!(response.instances.unwrap()[0].id.as_deref(), Some("0197f36d-d83b-7258-b177-3784b7887a17"));
        assert_matches_huawei_vector(&only_request(&server).await, "clouddc/reinstall_os");
    }

    #[tokio::test]
    async fn documented_json_error_statuses_are_typed() {
        for status in [400u16, 401, 500] {
            let server = MockServer::start().await;
            let body = r#"{"error_code": "CLOUDDC.0001", "error_msg": "bad"}"#;
            Mock::given(method("PUT"))
                .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
                .mount(&server)
                .await;
            let error = client(&server, RetryPolicy::none()).reinstall_os(reinstall()).await.unwrap_err();
            let Error::Service(service) = error else { panic!("{status}: {error:?}") };
            let expected = ErrorResponse::new().with_error_code("CLOUDDC.0001").with_error_msg("bad");
            let kind = match status {
                400 => ReinstallOsErrorResponse::BadRequest(expected),
                401 => ReinstallOsErrorResponse::Unauthorized(expected),
                _ => ReinstallOsErrorResponse::InternalServerError(expected),
            };
            assert_eq!(service.kind, kind);
            assert_eq!(service.code.as_deref(), Some("CLOUDDC.0001"));
        }
    }

    #[tokio::test]
    async fn a_429_plain_text_body_is_typed_once_retries_are_spent() {
        let server = MockServer::start().await;
        Mock::given(method("PUT"))
            .respond_with(ResponseTemplate::new(429).set_body_string("The request is overloaded."))
            .mount(&server)
            .await;
        let error = client(&server, RetryPolicy::none()).reinstall_os(reinstall()).await.unwrap_err();
        let Error::Service(service) = error else { panic!("{error:?}") };
        assert_eq!(service.kind, ReinstallOsErrorResponse::TooManyRequests("The request is overloaded.".to_owned()));
    }

    #[tokio::test]
    async fn a_429_is_retried_after_retry_after() {
        let server = MockServer::start().await;
        Mock::given(method("PUT"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1").set_body_string("busy"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("PUT")).respond_with(ResponseTemplate::new(202).set_body_string("{}")).mount(&server).await;
        let started = Instant::now();
        client(&server, fast_retries()).reinstall_os(reinstall()).await.unwrap();
        assert!(started.elapsed() >= Duration::from_millis(900), "waited for Retry-After, not the 10 ms backoff");
        assert_eq!(server.received_requests().await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn a_reinstall_is_never_resent_after_it_may_have_been_applied() {
        for response in [
            ResponseTemplate::new(500).set_body_string("{}"),
            ResponseTemplate::new(202).set_delay(Duration::from_secs(3)),
        ] {
            let server = MockServer::start().await;
            Mock::given(method("PUT")).respond_with(response).mount(&server).await;
            let mut config = config(&server, HUAWEI_UA, "", fast_retries());
            config.timeout = Duration::from_millis(300);
            let client = ClouddcClient::with_config(config, huawei_auth()).unwrap();
            client.reinstall_os(reinstall()).await.unwrap_err();
            assert_eq!(server.received_requests().await.unwrap().len(), 1, "a PUT with effects is not repeated");
        }
    }

    #[tokio::test]
    async fn an_empty_success_body_is_still_success() {
        let server = MockServer::start().await;
        Mock::given(method("PUT")).respond_with(ResponseTemplate::new(202)).mount(&server).await;
        let response = client(&server, RetryPolicy::none()).reinstall_os(reinstall()).await.unwrap();
        assert_eq!(response.instances, None);
    }

    #[tokio::test]
    async fn a_dry_run_shows_no_password_or_token() {
        let server = MockServer::start().await;
        let auth = HuaweiAuth::Token { token: "MIIT-secret-token".to_owned(), project_id: Some(PROJECT_ID.to_owned()) };
        let client = ClouddcClient::with_config(config(&server, HUAWEI_UA, "", RetryPolicy::none()), auth).unwrap();
        let signed = client.inner().sign_request(&reinstall()).unwrap();
        let debug = format!("{signed:?}");
        assert!(!debug.contains("MIIT-secret-token") && !debug.contains("Test@Passw0rd"), "{debug}");
        assert!(
            String::from_utf8(signed.body.unwrap()).unwrap().contains("Test@Passw0rd"),
            "the body itself is intact"
        );
    }

    #[tokio::test]
    async fn a_weak_password_is_rejected_before_anything_is_sent() {
        let server = MockServer::start().await;
        let request = ReinstallOsRequest::new(ReinstallOsRequestBody::new("toor"));
        let error = client(&server, RetryPolicy::none()).reinstall_os(request).await.unwrap_err();
        let Error::Validation(validation) = error else { panic!("{error:?}") };
        assert!(validation.violations.len() >= 2);
        assert!(!format!("{validation} {validation:?}").contains("toor\""), "the password is never echoed");
        assert_eq!(server.received_requests().await.unwrap().len(), 0);
    }
}

mod ecs {
    use alibabacloud_ecs::*;

    use super::*;

    fn request() -> ModifyImageAttributeRequest {
        ModifyImageAttributeRequest::new("cn-hangzhou", "m-bp18ygjuqnwhechc****")
            .with_image_name("testImageName")
            .with_status(ImageStatus::Deprecated)
            .with_image_family("hangzhou-daily-update")
            .with_boot_mode(BootMode::Bios)
            .with_description("testDescription")
            .with_features_nvme_support(NvmeSupport::Supported)
    }

    fn client(server: &MockServer, signature: AlibabaSignature, nonce: &'static str, vector_file: &str) -> EcsClient {
        let user_agent = alibaba_user_agent(&vector(vector_file, "ecs/ModifyImageAttribute"));
        let credentials = AlibabaCredentials::new("LTAI5tEXAMPLEAK00001", "exampleAlibabaSecret0001");
        EcsClient::with_config(config(server, &user_agent, nonce, RetryPolicy::none()), credentials, signature).unwrap()
    }

    const OK: &str = r#"{"RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3****"}"#;

    #[tokio::test]
    async fn acs3_sends_what_the_sdk_sends() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(OK, "application/json"))
            .mount(&server)
            .await;
        let client = client(
            &server,
            AlibabaSignature::Acs3HmacSha256,
            "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f60",
            "alibaba_acs3_hmac_sha256.json",
        );
        let response = client.modify_image_attribute(request()).await.unwrap();
        assert_eq!(response.request_id.as_deref(), Some("473469C7-AA6F-4DC5-B3DB-A3DC0DE3****"));

        let received = only_request(&server).await;
        assert_matches_acs3_vector(&received, &vector("alibaba_acs3_hmac_sha256.json", "ecs/ModifyImageAttribute"));
    }

    #[tokio::test]
    async fn rpc_v1_sends_the_sdks_exact_query() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(OK, "application/json"))
            .mount(&server)
            .await;
        let client = client(
            &server,
            AlibabaSignature::RpcHmacSha1,
            "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f70",
            "alibaba_rpc_hmac_sha1.json",
        );
        client.modify_image_attribute(request()).await.unwrap();
        let received = only_request(&server).await;
        let vector = vector("alibaba_rpc_hmac_sha1.json", "ecs/ModifyImageAttribute");
        assert_eq!(
            format!("/?{}", received.url.query().unwrap()),
            vector["expected"]["wire_path_and_query"].as_str().unwrap()
        );
    }

    #[tokio::test]
    async fn documented_error_codes_are_typed() {
        for (status, code) in
            [(400, "InvalidImageName.Malformed"), (403, "ImageStatus.NotAvailable"), (404, "InvalidImageId.NotFound")]
        {
            let server = MockServer::start().await;
            let body = format!(
                r#"{{"RequestId": "R-1", "HostId": "ecs.aliyuncs.com", "Code": "{code}", "Message": "m", "Recommend": "https://x"}}"#
            );
            Mock::given(method("POST"))
                .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
                .mount(&server)
                .await;
            let client = client(&server, AlibabaSignature::default(), "n", "alibaba_acs3_hmac_sha256.json");
            let error = client.modify_image_attribute(request()).await.unwrap_err();
            let Error::Service(service) = error else { panic!("{error:?}") };
            assert_eq!((service.status, service.request_id.as_deref()), (status, Some("R-1")));
            let typed = ModifyImageAttributeErrorCode::from(service.code.as_deref().unwrap());
            assert!(typed.is_documented(), "{typed:?}");
            let ErrorResponse { unknown_fields, .. } = match service.kind {
                ModifyImageAttributeErrorResponse::BadRequest(body)
                | ModifyImageAttributeErrorResponse::Forbidden(body)
                | ModifyImageAttributeErrorResponse::NotFound(body) => body,
                other => panic!("{other:?}"),
            };
            assert!(unknown_fields.contains_key("Recommend"), "undocumented members are kept");
        }
    }

    #[tokio::test]
    async fn invalid_requests_are_never_sent() {
        let server = MockServer::start().await;
        let client = client(&server, AlibabaSignature::default(), "n", "alibaba_acs3_hmac_sha256.json");
        let error = client.modify_image_attribute(request().with_image_name("aliyun-image")).await.unwrap_err();
        assert!(matches!(error, Error::Validation(_)), "{error:?}");
        assert_eq!(server.received_requests().await.unwrap().len(), 0);
    }
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", "http://127.0.0.2:9/steal"))
        .mount(&server)
        .await;
    let client =
        huaweicloud_ims::ImsClient::with_config(config(&server, HUAWEI_UA, "", RetryPolicy::none()), huawei_auth())
            .unwrap();
    let request = huaweicloud_ims::UpdateImageRequest::new("img-1", vec![]);
    let error = huaweicloud_ims::ImsApi::update_image(&client, request).await.unwrap_err();
    assert!(matches!(error, Error::Unexpected(ref r) if r.status == 302), "{error:?}");
}

#[test]
fn endpoints_and_regions_cannot_smuggle_a_path_or_another_host() {
    for endpoint in [
        "https://ims.example.com/prefix",
        "https://user:pw@ims.example.com",
        "ftp://ims.example.com",
        "ims.example.com",
    ] {
        assert!(
            huaweicloud_ims::ImsClient::with_config(ClientConfig::new(endpoint), huawei_auth()).is_err(),
            "{endpoint}"
        );
    }
    assert!(huaweicloud_ims::ImsClient::for_region("evil.example.com/x", huawei_auth()).is_err());
    assert!(huaweicloud_ims::ImsClient::for_region("cn-north-4", huawei_auth()).is_ok());
}

#[test]
fn credentials_never_show_their_secrets() {
    let huawei = format!("{:?}", HuaweiCredentials::new("AK", "very-secret").with_security_token("sts-secret"));
    let alibaba = format!("{:?}", AlibabaCredentials::new("AK", "very-secret").with_security_token("sts-secret"));
    for debug in [huawei, alibaba] {
        assert!(
            !debug.contains("secret\"") && !debug.contains("very-secret") && !debug.contains("sts-secret"),
            "{debug}"
        );
    }
}

/// Open Telekom Cloud, a Huawei-family vendor given as data: a DELETE with a JSON body, and 204.
mod otc_ims {
    use opentelekomcloud_ims::*;

    use super::*;

    const IMAGE: &str = "4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba90";

    fn client(server: &MockServer) -> ImsClient {
        ImsClient::with_config(config(server, HUAWEI_UA, "", RetryPolicy::none()), huawei_auth()).unwrap()
    }

    async fn deleted(server: &MockServer, request: GlanceDeleteImageRequest) -> Received {
        Mock::given(method("DELETE"))
            .and(path(format!("/v2/images/{IMAGE}")))
            .respond_with(ResponseTemplate::new(204))
            .mount(server)
            .await;
        client(server).glance_delete_image(request).await.unwrap();
        only_request(server).await
    }

    #[tokio::test]
    async fn a_delete_sends_its_json_body_as_the_sdk_does_and_204_is_success() {
        let server = MockServer::start().await;
        let body = GlanceDeleteImageRequestBody::new().with_delete_backup(true);
        let received = deleted(&server, GlanceDeleteImageRequest::new(IMAGE).with_body(body)).await;
        assert_matches_huawei_vector_in(&received, "wire_lists_and_bodies.json", "huawei/ims/glance_delete_image");
    }

    #[tokio::test]
    async fn a_delete_without_the_optional_body_sends_none() {
        let server = MockServer::start().await;
        let received = deleted(&server, GlanceDeleteImageRequest::new(IMAGE)).await;
        assert_matches_huawei_vector_in(
            &received,
            "wire_lists_and_bodies.json",
            "huawei/ims/glance_delete_image/no-body",
        );
    }

    #[test]
    fn the_crate_is_named_after_its_vendor_and_targets_its_endpoints() {
        assert_eq!(ImsClient::REGIONAL_ENDPOINT, "https://ims.{region}.otc.t-systems.com");
        assert_eq!(GLANCE_DELETE_IMAGE.source.page, "pages/opentelekomcloud/ims/GlanceDeleteImage.txt");
    }
}

/// ECS list parameters, paging, waiters and idempotency tokens.
mod ecs_lists {
    use alibabacloud_ecs::*;
    use cloudgen_runtime::waiter::{WaitConfig, WaitError};
    use futures_util::StreamExt as _;
    use wiremock::matchers::query_param;

    use super::*;

    const VECTORS: &str = "wire_lists_and_bodies.json";

    fn client(server: &MockServer, signature: AlibabaSignature, nonce: &'static str, retry: RetryPolicy) -> EcsClient {
        let user_agent = alibaba_user_agent(&vector(VECTORS, "acs3/ecs/DescribeImages"));
        let credentials = AlibabaCredentials::new("LTAI5tEXAMPLEAK00001", "exampleAlibabaSecret0001");
        EcsClient::with_config(config(server, &user_agent, nonce, retry), credentials, signature).unwrap()
    }

    fn tag(key: &str, value: Option<&str>) -> DescribeImagesTag {
        let tag = DescribeImagesTag::new().with_key(key);
        match value {
            Some(value) => tag.with_value(value),
            None => tag,
        }
    }

    /// The values the SDK vectors were recorded with (`ShowExpired` included, which the page deprecates).
    #[allow(deprecated)]
    fn describe() -> DescribeImagesRequest {
        DescribeImagesRequest::new("cn-hangzhou")
            .with_status(vec![ImageStatusFilter::Available, ImageStatusFilter::Creating])
            .with_image_owner_alias(ImageOwnerAlias::Self_)
            .with_is_support_io_optimized(true)
            .with_show_expired(false)
            .with_page_number(2)
            .with_page_size(10)
            .with_tag(vec![tag("TestKey", Some("TestValue")), tag("k2", Some("v 2"))])
            .with_filter(vec![
                DescribeImagesFilter::new()
                    .with_key(DescribeImagesFilterKey::CreationStartTime)
                    .with_value("2017-12-05T22:40Z"),
            ])
            .with_dry_run(false)
    }

    fn create() -> CreateImageRequest {
        CreateImageRequest::new("cn-hangzhou")
            .with_disk_device_mapping(vec![
                CreateImageDiskDeviceMapping::new()
                    .with_size(2000)
                    .with_snapshot_id("s-bp17441ohwkdca0****")
                    .with_disk_type(CreateImageDiskType::System),
                CreateImageDiskDeviceMapping::new()
                    .with_size(40)
                    .with_device("/dev/xvdb")
                    .with_disk_type(CreateImageDiskType::Data),
            ])
            .with_image_name("TestCentOS")
            .with_platform(CreateImagePlatform::CentOs)
            .with_architecture(CreateImageArchitecture::X8664)
            .with_client_token("123e4567-e89b-12d3-a456-426655440000")
            .with_tag(vec![CreateImageTag::new().with_key("KeyTest").with_value("ValueTest")])
    }

    async fn answer(server: &MockServer, body: &str) {
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json"))
            .mount(server)
            .await;
    }

    const CREATED: &str =
        r#"{"RequestId": "C8B26B44-0189-443E-9816-D951F59623A9", "ImageId": "m-bp146shijn7hujku****"}"#;

    #[tokio::test]
    async fn describe_images_flattens_lists_as_the_sdk_does_acs3() {
        let server = MockServer::start().await;
        answer(&server, r#"{"RequestId": "r", "TotalCount": 0}"#).await;
        let client =
            client(&server, AlibabaSignature::Acs3HmacSha256, "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f80", RetryPolicy::none());
        client.describe_images(describe()).await.unwrap();
        assert_matches_acs3_vector(&only_request(&server).await, &vector(VECTORS, "acs3/ecs/DescribeImages"));
    }

    #[tokio::test]
    async fn eleven_tags_go_in_numeric_order_and_sign_as_the_sdk_does() {
        let server = MockServer::start().await;
        answer(&server, r#"{"RequestId": "r"}"#).await;
        let vector = vector(VECTORS, "acs3/ecs/DescribeImages/11-tags");
        let nonce =
            vector["input"]["headers"].as_array().unwrap().iter().find(|h| h[0] == "x-acs-signature-nonce").unwrap()[1]
                .as_str()
                .unwrap()
                .to_owned();
        let nonce: &'static str = Box::leak(nonce.into_boxed_str());
        let tags: Vec<DescribeImagesTag> = (1..=11).map(|n| tag(&format!("k{n}"), Some(&format!("v{n}")))).collect();
        let params = vector["input"]["request_params"].as_object().unwrap();
        let mut request = DescribeImagesRequest::new(params["RegionId"].as_str().unwrap()).with_tag(tags);
        if let Some(size) = params.get("PageSize").and_then(Value::as_i64) {
            request = request.with_page_size(i32::try_from(size).unwrap());
        }
        client(&server, AlibabaSignature::Acs3HmacSha256, nonce, RetryPolicy::none())
            .describe_images(request)
            .await
            .unwrap();
        assert_matches_acs3_vector(&only_request(&server).await, &vector);
    }

    #[tokio::test]
    async fn describe_images_rpc_v1_query_is_byte_equal() {
        let server = MockServer::start().await;
        answer(&server, r#"{"RequestId": "r"}"#).await;
        let client =
            client(&server, AlibabaSignature::RpcHmacSha1, "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f90", RetryPolicy::none());
        client.describe_images(describe()).await.unwrap();
        let received = only_request(&server).await;
        let expected = &vector(VECTORS, "rpc/ecs/DescribeImages")["expected"];
        assert_eq!(format!("/?{}", received.url.query().unwrap()), expected["wire_path_and_query"].as_str().unwrap());
    }

    #[tokio::test]
    async fn create_image_flattens_structured_items_as_the_sdk_does() {
        for (signature, nonce, name) in [
            (AlibabaSignature::Acs3HmacSha256, "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f82", "acs3/ecs/CreateImage"),
            (AlibabaSignature::RpcHmacSha1, "3f9c2b7e1d8a4c6f9e0b1a2c3d4e5f92", "rpc/ecs/CreateImage"),
        ] {
            let server = MockServer::start().await;
            answer(&server, CREATED).await;
            let output = client(&server, signature, nonce, RetryPolicy::none()).create_image(create()).await.unwrap();
            assert_eq!(output.image_id.as_deref(), Some("m-bp146shijn7hujku****"));
            let received = only_request(&server).await;
            let vector = vector(VECTORS, name);
            match signature {
                AlibabaSignature::Acs3HmacSha256 => assert_matches_acs3_vector(&received, &vector),
                AlibabaSignature::RpcHmacSha1 => assert_eq!(
                    format!("/?{}", received.url.query().unwrap()),
                    vector["expected"]["wire_path_and_query"].as_str().unwrap(),
                    "{name}"
                ),
            }
        }
    }

    #[tokio::test]
    async fn a_create_without_a_token_gets_one_and_a_retry_after_a_500_reuses_it() {
        let server = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(500)).up_to_n_times(1).mount(&server).await;
        answer(&server, CREATED).await;
        let mut request = create();
        request.client_token = None;
        client(&server, AlibabaSignature::default(), "n", fast_retries()).create_image(request).await.unwrap();
        let received = server.received_requests().await.unwrap();
        assert_eq!(received.len(), 2, "retried once, as a token makes the call idempotent");
        let tokens: Vec<String> = received
            .iter()
            .map(|r| r.url.query_pairs().find(|(k, _)| k == "ClientToken").map(|(_, v)| v.into_owned()).unwrap())
            .collect();
        assert_eq!(tokens[0], tokens[1]);
        assert_eq!(tokens[0].len(), 36, "a UUID: {}", tokens[0]);
    }

    #[tokio::test]
    async fn a_call_without_a_token_is_not_retried_after_a_500() {
        let server = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(500)).mount(&server).await;
        let client = client(&server, AlibabaSignature::default(), "n", fast_retries());
        assert!(client.describe_images(DescribeImagesRequest::new("cn-hangzhou")).await.is_err());
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }

    fn page(number: i64, ids: &[&str]) -> String {
        let images: Vec<String> =
            ids.iter().map(|id| format!(r#"{{"ImageId": "{id}", "Status": "Available"}}"#)).collect();
        format!(
            r#"{{"RequestId": "r{number}", "PageNumber": {number}, "PageSize": 2, "TotalCount": 5, "Images": {{"Image": [{}]}}}}"#,
            images.join(",")
        )
    }

    async fn three_pages(server: &MockServer) {
        for (number, ids) in [(1, &["m-1", "m-2"][..]), (2, &["m-3", "m-4"]), (3, &["m-5"])] {
            Mock::given(method("POST"))
                .and(query_param("PageNumber", number.to_string()))
                .respond_with(ResponseTemplate::new(200).set_body_raw(page(number, ids), "application/json"))
                .mount(server)
                .await;
        }
    }

    #[tokio::test]
    async fn the_paginator_walks_every_page_and_stops_at_the_total() {
        let server = MockServer::start().await;
        three_pages(&server).await;
        let client = client(&server, AlibabaSignature::default(), "n", RetryPolicy::none());
        let request = DescribeImagesRequest::new("cn-hangzhou").with_page_number(1).with_page_size(2);
        let ids: Vec<String> =
            client.describe_images_items(request).map(|image| image.unwrap().image_id.unwrap()).collect().await;
        assert_eq!(ids, ["m-1", "m-2", "m-3", "m-4", "m-5"]);
        let pages: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| r.url.query_pairs().find(|(k, _)| k == "PageNumber").unwrap().1.into_owned())
            .collect();
        assert_eq!(pages, ["1", "2", "3"], "three requests, none past the total");
    }

    #[tokio::test]
    async fn the_paginator_starts_at_the_services_first_page_and_stops_after_an_error() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(wiremock::matchers::query_param_is_missing("PageNumber"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(page(1, &["m-1", "m-2"]), "application/json"))
            .mount(&server)
            .await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(403)).mount(&server).await;
        let client = client(&server, AlibabaSignature::default(), "n", RetryPolicy::none());
        let pages: Vec<_> = client.describe_images_pages(DescribeImagesRequest::new("cn-hangzhou")).collect().await;
        assert_eq!(pages.len(), 2);
        assert!(pages[0].is_ok() && pages[1].is_err(), "{pages:?}");
        let second = &server.received_requests().await.unwrap()[1];
        assert!(second.url.query_pairs().any(|(k, v)| k == "PageNumber" && v == "2"));
    }

    fn status(image: &str, value: &str) -> String {
        format!(
            r#"{{"RequestId": "r", "TotalCount": 1, "Images": {{"Image": [{{"ImageId": "{image}", "Status": "{value}"}}]}}}}"#
        )
    }

    async fn poll_answers(server: &MockServer, answers: &[(&str, Option<u64>)]) {
        for (value, times) in answers {
            let mock = Mock::given(method("POST")).and(query_param("ImageId", "m-bp146shijn7hujku****")).respond_with(
                ResponseTemplate::new(200).set_body_raw(status("m-bp146shijn7hujku****", value), "application/json"),
            );
            match times {
                Some(n) => mock.up_to_n_times(*n).mount(server).await,
                None => mock.mount(server).await,
            }
        }
    }

    fn quick() -> WaitConfig {
        WaitConfig {
            timeout: Duration::from_millis(300),
            initial_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
        }
    }

    async fn wait(server: &MockServer) -> Result<DescribeImagesResponseBody, WaitError<DescribeImagesErrorResponse>> {
        let client = client(server, AlibabaSignature::default(), "n", RetryPolicy::none());
        let request = create();
        let output: CreateImageResponseBody = serde_json::from_str(CREATED).unwrap();
        client.wait_until_image_available(&request, &output, &quick()).await
    }

    #[tokio::test]
    async fn the_waiter_polls_until_the_image_is_available() {
        let server = MockServer::start().await;
        poll_answers(&server, &[("Creating", Some(2)), ("Available", None)]).await;
        let done = wait(&server).await.unwrap();
        assert_eq!(done.images.unwrap().image.unwrap()[0].status, Some(DescribedImageStatus::Available));
        let polls = server.received_requests().await.unwrap();
        assert_eq!(polls.len(), 3);
        let query: Vec<(String, String)> =
            polls[0].url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        assert!(query.contains(&("RegionId".into(), "cn-hangzhou".into())), "{query:?}");
        assert!(query.contains(&("Status".into(), "Creating,Available,UnAvailable,CreateFailed".into())), "{query:?}");
    }

    #[tokio::test]
    async fn the_waiter_stops_on_a_documented_failure() {
        let server = MockServer::start().await;
        poll_answers(&server, &[("Creating", Some(1)), ("CreateFailed", None)]).await;
        let error = wait(&server).await.unwrap_err();
        assert!(matches!(&error, WaitError::Failed { status } if status == "CreateFailed"), "{error:?}");
    }

    #[tokio::test]
    async fn the_waiter_gives_up_at_its_deadline() {
        let server = MockServer::start().await;
        poll_answers(&server, &[("Creating", None)]).await;
        let started = Instant::now();
        let error = wait(&server).await.unwrap_err();
        assert!(matches!(&error, WaitError::TimedOut { last_status: Some(s), .. } if s == "Creating"), "{error:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(server.received_requests().await.unwrap().len() >= 2);
    }

    #[test]
    fn precedence_warns_and_at_least_one_source_is_required() {
        let all_three = create().with_instance_id("i-1");
        assert_eq!(all_three.validate(), Ok(()));
        let warnings = cloudgen_runtime::constraints::warnings(&all_three);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].message.contains("the service uses `InstanceId`"), "{}", warnings[0].message);
        let none = CreateImageRequest::new("cn-hangzhou");
        let error = none.validate().unwrap_err();
        assert!(
            error.to_string().contains("at least one of `InstanceId`, `DiskDeviceMapping`, `SnapshotId`"),
            "{error}"
        );
    }

    #[test]
    fn a_size_without_a_snapshot_is_checked_against_the_pages_range() {
        let mapping = CreateImageDiskDeviceMapping::new().with_size(4);
        let error =
            CreateImageRequest::new("cn-hangzhou").with_disk_device_mapping(vec![mapping]).validate().unwrap_err();
        assert_eq!(error.violations[0].path, "DiskDeviceMapping[0].Size");
        let with_snapshot = CreateImageDiskDeviceMapping::new().with_size(4).with_snapshot_id("s-1");
        assert_eq!(
            CreateImageRequest::new("cn-hangzhou").with_disk_device_mapping(vec![with_snapshot]).validate(),
            Ok(())
        );
    }

    #[test]
    fn repeated_error_codes_keep_every_row_and_placeholders_match() {
        let denied = CreateImageErrorCode::from("OperationDenied");
        assert!(denied.documented_rows().len() >= 4, "{:?}", denied.documented_rows());
        let quota = CreateImageErrorCode::from("QuotaExceed.Tags");
        assert_eq!(quota.matching_row(403, "The maximum number of tags is 20."), Some((403, "%s")));
        assert_eq!(quota.matching_row(400, "anything"), None);
    }

    #[allow(deprecated)]
    #[test]
    fn deprecated_lowercase_tag_names_are_still_sent_when_set() {
        let tag = DescribeImagesTag::new().with_key_deprecated("old");
        let pairs = DescribeImagesRequest::new("cn-hangzhou").with_tag(vec![tag]);
        let query = cloudgen_runtime::operation::Request::query_params(&pairs).pairs();
        assert!(query.contains(&("Tag.1.key".to_owned(), "old".to_owned())), "{query:?}");
    }
}
