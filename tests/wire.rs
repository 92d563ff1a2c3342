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
    let vector = vector("huawei_sdk_hmac_sha256.json", name);
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
        let vector = vector(vector_file, "ecs/ModifyImageAttribute");
        let user_agent = vector["input"]["headers"].as_array().unwrap().iter().find(|h| h[0] == "user-agent").unwrap()
            [1]
        .as_str()
        .unwrap()
        .to_owned();
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
        let vector = vector("alibaba_acs3_hmac_sha256.json", "ecs/ModifyImageAttribute");
        let expected = &vector["expected"];
        assert_eq!(format!("/?{}", received.url.query().unwrap()), expected["wire_path_and_query"].as_str().unwrap());
        assert!(received.body.is_empty());
        // Verify as a server would, over every header the Authorization names.
        let authorization = header(&received, "authorization");
        let signed = authorization.split("SignedHeaders=").nth(1).unwrap().split(',').next().unwrap();
        let headers: Vec<(String, String)> = signed.split(';').map(|n| (n.to_owned(), header(&received, n))).collect();
        let query: Vec<(String, String)> =
            received.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let signature =
            alibaba_acs3::sign("POST", "/", &query, &headers, "LTAI5tEXAMPLEAK00001", "exampleAlibabaSecret0001");
        assert_eq!(signature.authorization, authorization);
        let host = header(&received, "host");
        let sdk =
            expected["canonical_request"].as_str().unwrap().replace("host:127.0.0.1:18765", &format!("host:{host}"));
        assert_eq!(signature.canonical_request, sdk);
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
