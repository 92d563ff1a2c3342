//! The intermediate representation: one [`Crate`] per spec file, with every decision made.
//!
//! Rust names, Rust types, serde renames, doc text, validation checks and operation metadata are all
//! settled by [`crate::lower`]; the emitters only turn this into tokens. Wire names stay beside Rust
//! names so renames are emitted only where the two differ.

use crate::spec::{ApiStyle, Vendor};

/// One generated crate.
#[derive(Debug, Clone)]
pub struct Crate {
    /// The spec file the crate comes from (`specs/huaweicloud/ims.yaml`), for headers.
    pub spec_file: String,
    /// Package name (`huaweicloud-ims`).
    pub package: String,
    /// The crate's name in Rust paths (`huaweicloud_ims`).
    pub lib_name: String,
    /// Vendor of the service.
    pub vendor: Vendor,
    /// Wire style of the service.
    pub style: ApiStyle,
    /// One-line description for `Cargo.toml`.
    pub summary: String,
    /// Crate-level documentation lines.
    pub docs: Vec<String>,
    /// API version sent by RPC services.
    pub api_version: Option<String>,
    /// Regional endpoint template with `{region}`.
    pub regional_endpoint: String,
    /// Central endpoint, when the vendor has one.
    pub global_endpoint: Option<String>,
    /// Name of the service trait (`ImsApi`).
    pub trait_name: String,
    /// Name of the HTTP client implementing the trait (`ImsClient`).
    pub client_name: String,
    /// Named types of the spec, in spec order.
    pub models: Vec<Model>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
}

/// A named type.
#[derive(Debug, Clone)]
pub enum Model {
    /// A struct with named fields.
    Struct(Struct),
    /// A string enum with a fallback for unknown values.
    Enum(Enum),
}

/// A struct: a spec object type or an operation's request.
#[derive(Debug, Clone)]
pub struct Struct {
    /// Rust name.
    pub name: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// Fields in wire order.
    pub fields: Vec<Field>,
    /// Whether the struct keeps undocumented JSON fields (model types do; request wrappers do not).
    pub keeps_unknown_fields: bool,
    /// Whether the struct is (de)serialized as JSON (model types) or assembled into a request.
    pub serde: bool,
}

impl Struct {
    /// Whether any field must be hidden from `Debug`.
    pub fn has_sensitive_fields(&self) -> bool {
        self.fields.iter().any(|f| f.sensitive)
    }
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust name.
    pub name: String,
    /// Wire name, for serde renames, metadata and violation paths.
    pub wire_name: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// The value's type, without optionality.
    pub ty: Ty,
    /// How absence and `null` are represented.
    pub presence: Presence,
    /// Hidden from `Debug` output.
    pub sensitive: bool,
    /// Constraint checks run by `validate()`.
    pub checks: Vec<Check>,
    /// Where the field travels (request wrappers only).
    pub location: Option<ParamLocation>,
}

/// How a field's absence and `null` are represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// May be absent: `Option<T>`.
    Optional,
    /// May be absent or `null`: `Option<Option<T>>` (`Some(None)` is `null`).
    Nullable,
}

/// Where a request parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// Path placeholder.
    Path,
    /// Query string.
    Query,
    /// Header.
    Header,
    /// The JSON body.
    Body,
}

/// A Rust type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `String`.
    String,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// `bool`.
    Bool,
    /// A struct of this crate.
    Struct(String),
    /// An enum of this crate.
    Enum(String),
    /// `Vec<T>`.
    Vec(Box<Ty>),
}

impl Ty {
    /// Whether values of this type have nested constraints (structs, enums) to validate.
    pub fn needs_deep_validation(&self) -> bool {
        match self {
            Ty::Struct(_) | Ty::Enum(_) => true,
            Ty::Vec(inner) => inner.needs_deep_validation(),
            _ => false,
        }
    }
}

/// A constraint check; the fields mean what the same keys of [`crate::spec::Constraints`] mean.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub enum Check {
    /// Length in characters.
    Length { min: Option<u64>, max: Option<u64> },
    /// A regular expression, compiled once into a `static` named `static_name`; `description` is the
    /// rule as violation messages state it, `doc` the same words escaped for rustdoc.
    Pattern { static_name: String, regex: String, description: String, doc: String },
    /// Forbidden prefixes.
    ForbiddenPrefixes(Vec<String>),
    /// Forbidden suffixes.
    ForbiddenSuffixes(Vec<String>),
    /// Forbidden substrings.
    ForbiddenSubstrings(Vec<String>),
    /// Number of array items.
    Items { min: Option<u64>, max: Option<u64> },
    /// Numeric range.
    Range { min: Option<i64>, max: Option<i64> },
    /// The password rule.
    Password {
        min_char_classes: u8,
        special_chars: String,
        reject_other_chars: bool,
        forbidden_words: Vec<String>,
        forbid_reversed_words: bool,
    },
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Rust name.
    pub name: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// Documented values.
    pub variants: Vec<Variant>,
    /// The fallback variant's name (`Unknown`, or `UnknownValue` if a value is called `Unknown`).
    pub fallback: String,
    /// Whether undocumented values are valid in requests.
    pub open: bool,
}

/// One documented enum value.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust name.
    pub name: String,
    /// Exact wire value.
    pub wire_value: String,
    /// Doc lines.
    pub docs: Vec<String>,
}

/// One operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operation's name (`UpdateImage`).
    pub name: String,
    /// Trait method name (`update_image`).
    pub method_name: String,
    /// Doc lines for the trait method and the request.
    pub docs: Vec<String>,
    /// The request wrapper: caller-supplied parameters and the body.
    pub request: Struct,
    /// The success body type, `None` when the success response has no body.
    pub output: Option<Ty>,
    /// Documented error responses.
    pub errors: ErrorEnum,
    /// The vendor's documented error codes, as an open enum (`None` when the page lists none).
    pub error_codes: Option<Enum>,
    /// Name of the per-operation error alias (`UpdateImageError`).
    pub error_alias: String,
    /// Metadata for the client.
    pub info: OperationInfo,
    /// Tests derived from the page's examples.
    pub examples: Vec<ExampleTest>,
}

/// The documented error responses of one operation.
#[derive(Debug, Clone)]
pub struct ErrorEnum {
    /// Rust name (`UpdateImageErrorResponse`).
    pub name: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// One variant per documented error status.
    pub variants: Vec<ErrorVariant>,
}

/// One documented error status.
#[derive(Debug, Clone)]
pub struct ErrorVariant {
    /// Rust name (`BadRequest`).
    pub name: String,
    /// HTTP status.
    pub status: u16,
    /// Doc lines.
    pub docs: Vec<String>,
    /// The body type; `None` for a body the page does not document (kept as text).
    pub body: Option<Ty>,
}

/// What the client needs to know about an operation, independent of request values.
#[derive(Debug, Clone)]
pub struct OperationInfo {
    /// Name of the `const` holding it (`UPDATE_IMAGE`).
    pub const_name: String,
    /// HTTP method.
    pub method: String,
    /// Path template.
    pub path_template: String,
    /// Media type of the body.
    pub content_type: Option<String>,
    /// Every parameter, in the page's order.
    pub parameters: Vec<ParameterInfo>,
    /// Success statuses.
    pub success_statuses: Vec<u16>,
    /// Accepted auth schemes, preferred first.
    pub auth: Vec<AuthScheme>,
    /// Source page title.
    pub source_title: String,
    /// Seed file.
    pub source_seed: String,
    /// Updated-on date.
    pub source_updated: Option<String>,
    /// API version sent by RPC services.
    pub api_version: Option<String>,
}

/// One parameter's metadata.
#[derive(Debug, Clone)]
pub struct ParameterInfo {
    /// Wire name.
    pub wire_name: String,
    /// Where it travels.
    pub location: ParamLocation,
    /// Mandatory on the page.
    pub required: bool,
    /// Who supplies it.
    pub source: ParamSource,
}

/// Who supplies a parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamSource {
    /// The caller.
    Caller,
    /// The client's project id.
    ProjectId,
    /// The client's token.
    AuthToken,
    /// A constant.
    Constant(String),
}

/// An auth scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthScheme {
    /// Huawei AK/SK.
    HuaweiSdkHmacSha256,
    /// A token header.
    HeaderToken(String),
    /// Alibaba V3.
    AlibabaAcs3HmacSha256,
    /// Alibaba RPC V1.
    AlibabaRpcHmacSha1,
}

/// A test derived from one example on the page.
#[derive(Debug, Clone)]
pub enum ExampleTest {
    /// Build the request from the example's values; its parameters and body must equal the example's.
    Request {
        /// Test function name.
        test_name: String,
        /// The request, as a constructor expression tree.
        construction: Value,
        /// Parameters the example shows, by location and wire name, as text.
        params: Vec<(ParamLocation, String, String)>,
        /// The example's body, verbatim.
        body: Option<String>,
        /// Places the spec acknowledges the example breaks, skipped by the test.
        skipped: Vec<String>,
    },
    /// The example body deserializes and re-serializes to an equal JSON value.
    Response {
        /// Test function name.
        test_name: String,
        /// The body type.
        ty: Ty,
        /// The example's body, verbatim.
        body: String,
    },
}

/// A value to construct in generated test code, typed by the spec.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string literal.
    Str(String),
    /// An integer literal of the given type.
    Int(i64, Ty),
    /// A float literal.
    Float(f64),
    /// A bool literal.
    Bool(bool),
    /// `None` for a nullable `null`.
    Null,
    /// An enum value: its variant when documented, else `from(wire)`.
    EnumValue {
        /// The enum's Rust name.
        enum_name: String,
        /// The variant, for a documented value.
        variant: Option<String>,
        /// The wire value.
        wire: String,
    },
    /// `vec![...]`.
    List(Vec<Value>),
    /// `Name::new(required...)` then `.with_x(optional)` for each optional field that is set.
    Struct {
        /// The struct's Rust name.
        name: String,
        /// Arguments of `new`, in field order.
        required: Vec<Value>,
        /// Setters to call: field name, value, and the field's presence.
        optional: Vec<(String, Value, Presence)>,
    },
}
