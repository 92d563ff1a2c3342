//! Per-request client overhead without the network: build the request, validate it, serialize the body
//! and sign it, for each vendor's signing scheme. Run with `cargo xtask bench`.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // a benchmark fails loudly by design

use std::hint::black_box;

use alibabacloud_ecs::{BootMode, EcsClient, ImageStatus, ModifyImageAttributeRequest, NvmeSupport};
use cloudgen_runtime::client::ClientConfig;
use cloudgen_runtime::client::alibaba::{AlibabaCredentials, AlibabaSignature};
use cloudgen_runtime::client::huawei::{HuaweiAuth, HuaweiCredentials};
use criterion::{Criterion, criterion_group, criterion_main};
use huaweicloud_clouddc::{ClouddcClient, ReinstallOsRequest, ReinstallOsRequestBody};

fn huawei(c: &mut Criterion) {
    let credentials = HuaweiCredentials::new("HPUAEXAMPLEAK0000001", "exampleSecretKey0001")
        .with_project_id("a4da8115c9d8464ead3a38309130523f");
    let client = ClouddcClient::with_config(
        ClientConfig::new("https://clouddc.cn-east-3.myhuaweicloud.com"),
        HuaweiAuth::AkSk(credentials),
    )
    .unwrap();
    c.bench_function("huawei_sdk_hmac_sha256/reinstall_os", |b| {
        b.iter(|| {
            let body = ReinstallOsRequestBody::new("Test@Passw0rd")
                .with_image_id("33ad552d-1149-471c-8190-ff6776174a00")
                .with_instance_id_set(vec!["0197f36d-d83b-7258-b177-3784b7887a17".to_owned()]);
            client.inner().sign_request(&ReinstallOsRequest::new(black_box(body))).unwrap()
        })
    });
}

fn alibaba(c: &mut Criterion) {
    let credentials = AlibabaCredentials::new("LTAI5tEXAMPLEAK00001", "exampleAlibabaSecret0001");
    for (name, signature) in [
        ("alibaba_acs3_hmac_sha256", AlibabaSignature::Acs3HmacSha256),
        ("alibaba_rpc_hmac_sha1", AlibabaSignature::RpcHmacSha1),
    ] {
        let client = EcsClient::with_config(
            ClientConfig::new("https://ecs.cn-hangzhou.aliyuncs.com"),
            credentials.clone(),
            signature,
        )
        .unwrap();
        c.bench_function(&format!("{name}/modify_image_attribute"), |b| {
            b.iter(|| {
                let request = ModifyImageAttributeRequest::new("cn-hangzhou", black_box("m-bp18ygjuqnwhechc****"))
                    .with_image_name("testImageName")
                    .with_status(ImageStatus::Deprecated)
                    .with_image_family("hangzhou-daily-update")
                    .with_boot_mode(BootMode::Bios)
                    .with_description("testDescription")
                    .with_features_nvme_support(NvmeSupport::Supported);
                client.inner().sign_request(&request).unwrap()
            })
        });
    }
}

criterion_group!(benches, huawei, alibaba);
criterion_main!(benches);
