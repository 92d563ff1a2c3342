//! A downstream service's view of the generated crates: it renames images through whichever cloud holds
//! them, and tests that logic against fakes of the service traits, with no network.

use alibabacloud_ecs::{EcsApi, ImageStatus, ModifyImageAttributeRequest};
use huaweicloud_ims::{Image, ImagePatchOperation, ImagePatchPath, ImsApi, OsType, PatchOp, UpdateImageRequest};

/// Renames a Huawei IMS image and reports its OS family in the service's own words.
pub async fn rename_huawei_image(ims: &impl ImsApi, image_id: &str, name: &str) -> Result<String, String> {
    let patch = ImagePatchOperation::new(PatchOp::Replace, ImagePatchPath::Name, name);
    let request = UpdateImageRequest::new(image_id, vec![patch]);
    request.validate().map_err(|e| e.to_string())?;
    let image: Image = ims.update_image(request).await.map_err(|e| e.to_string())?;
    Ok(describe_os(image.os_type.as_ref()))
}

/// Matches on a generated enum; undocumented values arrive as `Unknown` and keep their wire text.
pub fn describe_os(os_type: Option<&OsType>) -> String {
    match os_type {
        Some(OsType::Linux) => "a Linux image".to_owned(),
        Some(OsType::Windows) => "a Windows image".to_owned(),
        Some(other) if !other.is_documented() => format!("an image of an OS this client does not know yet ({other})"),
        Some(_) => "another OS".to_owned(),
        None => "an image of unknown OS".to_owned(),
    }
}

/// Renames an Alibaba Cloud ECS image and deprecates it in the same call.
pub async fn rename_and_deprecate_alibaba_image(
    ecs: &impl EcsApi,
    region: &str,
    image_id: &str,
    name: &str,
) -> Result<String, String> {
    let request =
        ModifyImageAttributeRequest::new(region, image_id).with_image_name(name).with_status(ImageStatus::Deprecated);
    request.validate().map_err(|e| e.to_string())?;
    let response = ecs.modify_image_attribute(request).await.map_err(|e| e.to_string())?;
    Ok(response.request_id.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use alibabacloud_ecs::{
        CreateImageError, CreateImageRequest, CreateImageResponseBody, DescribeImagesError, DescribeImagesRequest,
        DescribeImagesResponseBody, ModifyImageAttributeError, ModifyImageAttributeResponseBody,
    };
    use huaweicloud_ims::UpdateImageError;

    use super::*;

    /// A fake IMS that records what it was asked and answers like the page's example.
    #[derive(Default)]
    struct FakeIms {
        seen: Mutex<Vec<UpdateImageRequest>>,
    }

    impl ImsApi for FakeIms {
        async fn update_image(&self, request: UpdateImageRequest) -> Result<Image, UpdateImageError> {
            self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(request);
            Ok(serde_json_image(r#"{"id": "img-1", "name": "renamed", "__os_type": "HarmonyOS"}"#))
        }
    }

    fn serde_json_image(text: &str) -> Image {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"))
    }

    struct FakeEcs;

    impl EcsApi for FakeEcs {
        async fn modify_image_attribute(
            &self,
            request: ModifyImageAttributeRequest,
        ) -> Result<ModifyImageAttributeResponseBody, ModifyImageAttributeError> {
            assert_eq!(request.status, Some(ImageStatus::Deprecated));
            Ok(ModifyImageAttributeResponseBody::new().with_request_id("473469C7-AA6F-4DC5-B3DB-A3DC0DE3****"))
        }

        // A fake answers only what its tests call; the other operations fail loudly if reached.
        async fn describe_images(
            &self,
            _: DescribeImagesRequest,
        ) -> Result<DescribeImagesResponseBody, DescribeImagesError> {
            unimplemented!("not used by these tests")
        }

        async fn create_image(&self, _: CreateImageRequest) -> Result<CreateImageResponseBody, CreateImageError> {
            unimplemented!("not used by these tests")
        }
    }

    #[tokio::test]
    async fn renames_through_a_fake_ims_and_keeps_unknown_os_types() {
        let ims = FakeIms::default();
        let os = rename_huawei_image(&ims, "img-1", "renamed").await;
        assert_eq!(os.as_deref(), Ok("an image of an OS this client does not know yet (HarmonyOS)"));
        let seen = ims.seen.lock().unwrap_or_else(|e| e.into_inner());
        assert_eq!(seen[0].image_id, "img-1");
        assert_eq!(seen[0].body[0].path, ImagePatchPath::Name);
    }

    #[tokio::test]
    async fn invalid_names_never_reach_the_service() {
        let error = rename_and_deprecate_alibaba_image(&FakeEcs, "cn-hangzhou", "m-1", "aliyun-x").await;
        assert_eq!(error, Err("invalid request: ImageName: must not start with \"aliyun\"".to_owned()));
        let ok = rename_and_deprecate_alibaba_image(&FakeEcs, "cn-hangzhou", "m-1", "nightly").await;
        assert_eq!(ok.as_deref(), Ok("473469C7-AA6F-4DC5-B3DB-A3DC0DE3****"));
    }
}
