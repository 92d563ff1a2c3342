//! Every constraint the five pages state, checked through the generated `validate()`: a value that passes,
//! a value that fails, and the exact message a caller sees.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use alibabacloud_ecs::ModifyImageAttributeRequest;
use huaweicloud_clouddc::{ReinstallOsRequest, ReinstallOsRequestBody};
use huaweicloud_ims::{Image, ImagePatchOperation, ImagePatchPath, PatchOp, UpdateImageRequest};
use huaweicloud_workspaceapp::{
    BatchChangeServerImageRequest, BatchChangeServerImageRequestBody, ImageType, OsType, RecreateServerImageRequest,
    RecreateServerImageRequestBody,
};

/// `path: message` of every violation, or an empty list when the value is valid.
fn violations(result: Result<(), cloudgen_runtime::ValidationError>) -> Vec<String> {
    result.err().map(|e| e.violations.iter().map(ToString::to_string).collect()).unwrap_or_default()
}

mod workspace_recreate_image_name {
    use super::*;

    fn check(name: &str) -> Vec<String> {
        let body = RecreateServerImageRequestBody::new(name);
        violations(RecreateServerImageRequest::new("server-1", body).validate())
    }

    #[test]
    fn letters_digits_and_the_listed_punctuation_pass() {
        assert!(check("image_name_0508").is_empty());
        assert!(check("my image-1.0_x").is_empty());
        assert!(check(&"a".repeat(128)).is_empty());
    }

    #[test]
    fn length_is_1_to_128() {
        assert_eq!(check(""), ["body.name: must be at least 1 characters long (got 0)"]);
        assert_eq!(check(&"a".repeat(129)), ["body.name: must be at most 128 characters long (got 129)"]);
    }

    #[test]
    fn no_leading_or_trailing_space() {
        assert_eq!(check(" image"), ["body.name: must not start with \" \""]);
        assert_eq!(check("image "), ["body.name: must not end with \" \""]);
    }

    #[test]
    fn other_characters_are_rejected() {
        assert_eq!(
            check("image#1"),
            ["body.name: must satisfy: only letters, digits, hyphens (-), periods (.), underscores (_), and spaces"]
        );
    }
}

mod workspace_recreate_image_description {
    use super::*;

    fn check(description: &str) -> Vec<String> {
        let body = RecreateServerImageRequestBody::new("image").with_description(description);
        violations(body.validate())
    }

    #[test]
    fn the_pages_own_example_passes_because_the_letters_and_digits_rule_is_not_enforced() {
        assert!(check("This is an image recreate desc.").is_empty());
        assert!(check("").is_empty(), "0 characters are allowed");
    }

    #[test]
    fn at_most_1024_characters() {
        assert!(check(&"d".repeat(1024)).is_empty());
        assert_eq!(check(&"d".repeat(1025)), ["description: must be at most 1024 characters long (got 1025)"]);
    }

    #[test]
    fn no_leading_space_carriage_return_or_angle_brackets() {
        assert_eq!(check(" desc"), ["description: must not start with \" \""]);
        assert_eq!(check("a\rb"), ["description: must not contain \"\\r\""]);
        assert_eq!(check("<b>"), ["description: must not contain \"<\"", "description: must not contain \">\""]);
    }
}

mod workspace_batch_change_image_enums {
    use super::*;

    fn body(image_type: ImageType, os_type: OsType) -> BatchChangeServerImageRequestBody {
        BatchChangeServerImageRequestBody::new("image-1", image_type, os_type)
    }

    #[test]
    fn documented_values_pass() {
        let request = BatchChangeServerImageRequest::new(body(ImageType::Private, OsType::Windows));
        assert!(violations(request.validate()).is_empty());
    }

    #[test]
    fn undocumented_values_of_closed_enums_fail() {
        let request = BatchChangeServerImageRequest::new(body(ImageType::from("golden"), OsType::from("BSD")));
        assert_eq!(
            violations(request.validate()),
            [
                "body.image_type: `golden` is not one of the documented values: gold, public, private, shared, other",
                "body.os_type: `BSD` is not one of the documented values: Linux, Windows, Other",
            ]
        );
    }

    #[test]
    fn a_marketplace_image_needs_its_product_id() {
        let request = BatchChangeServerImageRequest::new(body(ImageType::Gold, OsType::Linux));
        assert_eq!(
            violations(request.validate()),
            [
                "body.image_product_id: is required here: Product ID of the image. This parameter is mandatory when the image is a marketplace image."
            ]
        );
        let with_id =
            BatchChangeServerImageRequest::new(body(ImageType::Gold, OsType::Linux).with_image_product_id("p-1"));
        assert!(violations(with_id.validate()).is_empty());
        let private = BatchChangeServerImageRequest::new(body(ImageType::Private, OsType::Linux));
        assert!(violations(private.validate()).is_empty(), "only gold images need one");
    }
}

mod ims_update_image {
    use super::*;

    fn check(op: PatchOp, path: ImagePatchPath) -> Vec<String> {
        let request = UpdateImageRequest::new("image-1", vec![ImagePatchOperation::new(op, path, "v")]);
        violations(request.validate())
    }

    #[test]
    fn documented_operations_and_attributes_pass() {
        assert!(check(PatchOp::Replace, ImagePatchPath::Name).is_empty());
        assert!(check(PatchOp::Add, ImagePatchPath::SupportKvm).is_empty());
    }

    #[test]
    fn extension_attributes_pass_because_the_path_enum_is_open() {
        assert!(check(PatchOp::Add, ImagePatchPath::from("/__my_extension")).is_empty());
    }

    #[test]
    fn undocumented_operations_fail() {
        assert_eq!(
            check(PatchOp::from("move"), ImagePatchPath::Name),
            ["body[0].op: `move` is not one of the documented values: add, replace, remove"]
        );
    }

    #[test]
    fn min_disk_is_40_to_255() {
        let image = |gb: i32| violations(Image::new().with_min_disk(gb).validate());
        assert!(image(40).is_empty());
        assert!(image(255).is_empty());
        assert_eq!(image(39), ["min_disk: must be at least 40 (got 39)"]);
        assert_eq!(image(256), ["min_disk: must be at most 255 (got 256)"]);
    }
}

mod ecs_modify_image_attribute {
    use super::*;

    fn request() -> ModifyImageAttributeRequest {
        ModifyImageAttributeRequest::new("cn-hangzhou", "m-bp18ygjuqnwhechc****")
    }

    #[test]
    fn the_pages_example_values_pass() {
        let request = request()
            .with_image_name("testImageName")
            .with_image_family("hangzhou-daily-update")
            .with_description("testDescription");
        assert!(violations(request.validate()).is_empty());
    }

    #[test]
    fn image_name_is_2_to_128_characters_starting_with_a_letter() {
        let check = |name: &str| violations(request().with_image_name(name).validate());
        assert!(check("中文镜像").is_empty(), "any letter counts");
        assert!(check(&format!("a{}", "b".repeat(127))).is_empty());
        assert_eq!(check("a"), ["ImageName: must be at least 2 characters long (got 1)"]);
        assert_eq!(check(&"a".repeat(129)), ["ImageName: must be at most 128 characters long (got 129)"]);
        let rule = "ImageName: must satisfy: starts with a letter and contains only letters, digits, periods (.), colons (:), underscores (_), and hyphens (-)";
        assert_eq!(check("1image"), [rule]);
        assert_eq!(check("image name"), [rule]);
    }

    #[test]
    fn image_name_must_not_start_with_acs_or_aliyun_nor_contain_urls() {
        let check = |name: &str| violations(request().with_image_name(name).validate());
        assert_eq!(check("acs:image"), ["ImageName: must not start with \"acs:\""]);
        assert_eq!(check("aliyun-image"), ["ImageName: must not start with \"aliyun\""]);
        let url = check("image-http://x");
        assert!(url.contains(&"ImageName: must not contain \"http://\"".to_owned()), "{url:?}");
    }

    #[test]
    fn image_family_has_the_same_rules() {
        let check = |family: &str| violations(request().with_image_family(family).validate());
        assert!(check("hangzhou-daily-update").is_empty());
        assert_eq!(check("aliyun-family"), ["ImageFamily: must not start with \"aliyun\""]);
        assert_eq!(check("f"), ["ImageFamily: must be at least 2 characters long (got 1)"]);
    }

    #[test]
    fn description_is_2_to_256_characters_not_starting_with_a_url() {
        let check = |text: &str| violations(request().with_description(text).validate());
        assert!(check("an image: see https://example.com").is_empty(), "only the start is restricted");
        assert_eq!(check("d"), ["Description: must be at least 2 characters long (got 1)"]);
        assert_eq!(check(&"d".repeat(257)), ["Description: must be at most 256 characters long (got 257)"]);
        assert_eq!(check("https://x"), ["Description: must not start with \"https://\""]);
    }

    #[test]
    fn enums_are_closed() {
        use alibabacloud_ecs::{BootMode, ImageStatus, LicenseType, NvmeSupport};
        let valid = request()
            .with_status(ImageStatus::Available)
            .with_boot_mode(BootMode::Uefi)
            .with_license_type(LicenseType::Byol)
            .with_features_nvme_support(NvmeSupport::Unsupported);
        assert!(violations(valid.validate()).is_empty());
        let invalid = request().with_boot_mode(BootMode::from("Legacy")).with_status(ImageStatus::from("Gone"));
        assert_eq!(
            violations(invalid.validate()),
            [
                "Status: `Gone` is not one of the documented values: Deprecated, Available",
                "BootMode: `Legacy` is not one of the documented values: BIOS, UEFI",
            ]
        );
    }
}

mod clouddc_reinstall_password {
    use super::*;

    fn check(password: &str) -> Vec<String> {
        violations(ReinstallOsRequest::new(ReinstallOsRequestBody::new(password)).validate())
    }

    #[test]
    fn three_of_four_classes_within_8_to_26_characters_pass() {
        assert!(check("Test@Passw0rd").is_empty());
        assert!(check("abcDEF12").is_empty(), "no special character needed with three other classes");
        assert!(check(&format!("Aa1!{}", "x".repeat(22))).is_empty());
    }

    #[test]
    fn length_is_8_to_26() {
        assert_eq!(check("Ab1!Ab1"), ["body.password: must be at least 8 characters long (got 7)"]);
        assert_eq!(
            check(&format!("Aa1!{}", "x".repeat(23))),
            ["body.password: must be at most 26 characters long (got 27)"]
        );
    }

    #[test]
    fn fewer_than_three_classes_fail() {
        assert_eq!(
            check("abcdefgh12"),
            [
                "body.password: must contain at least 3 of: uppercase letters, lowercase letters, digits, special characters (!@$%^-_=+[{}]:,./?); found 2"
            ]
        );
    }

    #[test]
    fn characters_outside_the_special_set_are_allowed_but_are_not_special() {
        assert!(check("Abcdef1#").is_empty(), "the page does not forbid them");
        assert_eq!(
            check("abcdef1#"),
            [
                "body.password: must contain at least 3 of: uppercase letters, lowercase letters, digits, special characters (!@$%^-_=+[{}]:,./?); found 2"
            ]
        );
    }

    #[test]
    fn user_names_forwards_or_backwards_fail() {
        let rule = "body.password: must not contain any of root, Administrator (in any case, forwards or backwards)";
        assert_eq!(check("Root@12345"), [rule]);
        assert_eq!(check("Toor@12345"), [rule]);
        assert_eq!(check("x@Rotartsinimda1"), [rule]);
        assert_eq!(check("x@ADMINISTRATOR1"), [rule]);
    }

    #[test]
    fn the_password_never_appears_in_messages_or_debug_output() {
        let secret = "Toor@12345";
        assert!(check(secret).iter().all(|m| !m.contains(secret)));
        let debug = format!("{:?}", ReinstallOsRequest::new(ReinstallOsRequestBody::new(secret)));
        assert!(!debug.contains(secret), "{debug}");
        assert!(debug.contains("password: \"<redacted>\""), "{debug}");
    }

    #[test]
    fn at_most_50_instance_ids() {
        let ids = |n: usize| (0..n).map(|i| format!("id-{i}")).collect::<Vec<_>>();
        let with = |n: usize| {
            let body = ReinstallOsRequestBody::new("Test@Passw0rd").with_instance_id_set(ids(n));
            violations(ReinstallOsRequest::new(body).validate())
        };
        assert!(with(50).is_empty());
        assert_eq!(with(51), ["body.instance_id_set: must have at most 50 items (got 51)"]);
    }
}

#[test]
fn all_violations_are_reported_at_once() {
    let request = ModifyImageAttributeRequest::new("cn-hangzhou", "m-1").with_image_name("a").with_description("d");
    assert_eq!(violations(request.validate()).len(), 2);
}
