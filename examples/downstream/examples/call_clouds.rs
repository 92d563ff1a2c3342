//! Calls one operation of each vendor and prints the typed result:
//! Huawei IMS `UpdateImage` (AK/SK signed PATCH with a JSON-patch body) and Alibaba ECS
//! `ModifyImageAttribute` (ACS3-signed RPC call).
//!
//! ```sh
//! cargo run --example call_clouds -- <huawei-endpoint> [<alibaba-endpoint>]
//! ```
//!
//! Credentials come from the vendors' usual environment variables: `HUAWEICLOUD_SDK_AK`,
//! `HUAWEICLOUD_SDK_SK`, `HUAWEICLOUD_SDK_PROJECT_ID`; `ALIBABA_CLOUD_ACCESS_KEY_ID`,
//! `ALIBABA_CLOUD_ACCESS_KEY_SECRET`. The README walks through it against a local fake server.

use std::process::ExitCode;

use alibabacloud_ecs::{EcsApi, EcsClient, ImageStatus, ModifyImageAttributeRequest};
use cloudgen_runtime::client::ClientConfig;
use cloudgen_runtime::client::MissingVariable;
use cloudgen_runtime::client::alibaba::{AlibabaCredentials, AlibabaSignature};
use cloudgen_runtime::client::huawei::{ENV_PROJECT_ID, HuaweiAuth, HuaweiCredentials};
use huaweicloud_ims::{ImagePatchOperation, ImagePatchPath, ImsApi, ImsClient, PatchOp, UpdateImageRequest};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let huawei_endpoint = args.next().ok_or("usage: call_clouds <huawei-endpoint> [<alibaba-endpoint>]")?;
    let alibaba_endpoint = args.next().unwrap_or_else(|| huawei_endpoint.clone());

    // Read every credential first, so a missing one fails before anything is sent.
    let huawei = HuaweiCredentials::from_env().map_err(|e| e.to_string())?;
    if huawei.project_id().is_none() {
        return Err(MissingVariable(ENV_PROJECT_ID).to_string());
    }
    let alibaba = AlibabaCredentials::from_env().map_err(|e| e.to_string())?;

    let ims = ImsClient::with_config(ClientConfig::new(&huawei_endpoint), HuaweiAuth::AkSk(huawei))
        .map_err(|e| e.to_string())?;
    let rename = UpdateImageRequest::new(
        "33ad552d-1149-471c-8190-ff6776174a00",
        vec![ImagePatchOperation::new(PatchOp::Replace, ImagePatchPath::Name, "ims_test")],
    );
    match ims.update_image(rename).await {
        Ok(image) => println!(
            "Huawei IMS UpdateImage: image {} is now {:?}, status {}",
            image.id.as_deref().unwrap_or("?"),
            image.name.as_deref().unwrap_or("?"),
            image.status.as_ref().map_or("?", |s| s.as_str())
        ),
        Err(error) => println!("Huawei IMS UpdateImage failed: {error}"),
    }

    let ecs = EcsClient::with_config(ClientConfig::new(&alibaba_endpoint), alibaba, AlibabaSignature::default())
        .map_err(|e| e.to_string())?;
    let deprecate = ModifyImageAttributeRequest::new("cn-hangzhou", "m-bp18ygjuqnwhechc****")
        .with_image_name("testImageName")
        .with_status(ImageStatus::Deprecated);
    match ecs.modify_image_attribute(deprecate).await {
        Ok(response) => {
            println!("Alibaba ECS ModifyImageAttribute: request id {}", response.request_id.as_deref().unwrap_or("?"))
        }
        Err(error) => println!("Alibaba ECS ModifyImageAttribute failed: {error}"),
    }
    Ok(())
}
