//! The intermediate representation: one [`Crate`] per spec file, with every decision made.
//!
//! Rust names, Rust types, serde renames, doc text, validation checks and operation metadata are all
//! settled by [`crate::lower`]; the emitters only turn this into tokens. Wire names stay beside Rust
//! names so renames are emitted only where the two differ.

use crate::spec::{ApiStyle, Family, ListStyle, PagingStyle};

/// One generated crate.
#[derive(Debug, Clone)]
pub struct Crate {
    /// The spec file the crate comes from (`specs/huaweicloud/ims.yaml`), for headers.
    pub spec_file: String,
    /// Package name (`huaweicloud-ims`).
    pub package: String,
    /// The crate's version: 0.1.0 when lowered; the change report sets the one its changes demand.
    pub version: String,
    /// The crate's name in Rust paths (`huaweicloud_ims`).
    pub lib_name: String,
    /// The protocol family of the service's vendor: which runtime client it uses.
    pub family: Family,
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
    /// Whether the struct travels as numbered query list items (`Tag.1.Key`).
    pub query_object: bool,
    /// Cross-field rules `validate()` enforces.
    pub rules: Vec<RuleCheck>,
    /// How booleans are written in a query (the vendor family's SDK convention).
    pub bool_text: BoolText,
}

impl Struct {
    /// The fields in the order a numbered query item sends them: the Alibaba SDKs flatten an item through
    /// its `to_map()`, in wire-name order; others keep the page's order.
    pub fn query_item_fields(&self) -> Vec<&Field> {
        let mut fields: Vec<&Field> = self.fields.iter().collect();
        if self.bool_text == BoolText::Capitalized {
            fields.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
        }
        fields
    }
}

/// How a family's SDK writes booleans in a query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolText {
    /// `true` (Huawei).
    Lowercase,
    /// `True`, Python's `str()` (Alibaba).
    Capitalized,
}

/// A field a rule names: enough to read whether it is set and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleField {
    /// Rust name.
    pub name: String,
    /// Wire name, for violation paths.
    pub wire_name: String,
    /// Presence, to read the value.
    pub presence: Presence,
    /// The value's type.
    pub ty: Ty,
}

/// A condition of a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// The field holds one of these wire values.
    Equals(RuleField, Vec<String>),
    /// The field is set.
    Present(RuleField),
    /// The field is not set.
    Absent(RuleField),
}

/// A cross-field rule, with the page's words.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub enum RuleCheck {
    Requires { field: RuleField, needs: Vec<RuleField>, description: String },
    Conflicts { fields: Vec<RuleField>, description: String },
    ExactlyOne { fields: Vec<RuleField>, description: String },
    AtMostOne { fields: Vec<RuleField>, description: String },
    AtLeastOne { fields: Vec<RuleField>, description: String },
    Precedence { fields: Vec<RuleField>, description: String },
    RequiredWhen { field: RuleField, when: Condition, description: String },
    RangeWhen { field: RuleField, when: Condition, min: Option<i64>, max: Option<i64>, description: String },
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
    /// How a query list travels.
    pub list: Option<ListStyle>,
    /// The page's deprecation advice.
    pub deprecated: Option<String>,
    /// Held in a `Box`: the field's type holds the owner again (a recursive type).
    pub boxed: bool,
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
    /// For an error-code table: each code's rows (HTTP status, message as the page writes it).
    pub error_rows: Option<Vec<Vec<(u16, String)>>>,
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
    /// The request field holding the idempotency token the client fills (`client_token`).
    pub idempotency_token: Option<String>,
    /// How the operation pages, when it does.
    pub paging: Option<Paging>,
    /// Waiters that poll until what the operation started is done.
    pub waiters: Vec<Waiter>,
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
    /// Source page address.
    pub source_url: Option<String>,
    /// Page file in the repository.
    pub source_page: String,
    /// Updated-on date.
    pub source_updated: Option<String>,
    /// API version sent by RPC services.
    pub api_version: Option<String>,
    /// Safe to retry after a server error or timeout.
    pub idempotent: bool,
}

/// A paged operation: what the generated paginator reads and sets.
#[derive(Debug, Clone)]
pub struct Paging {
    /// The style.
    pub style: PagingStyle,
    /// Dotted wire path to the items in the response.
    pub items: String,
    /// Dotted wire path to the total.
    pub total: Option<String>,
    /// Dotted wire path to the next token.
    pub next: Option<String>,
    /// The item field holding the next marker.
    pub marker_field: Option<String>,
    /// The request field (Rust name) carrying the page, offset, marker or token.
    pub cursor_field: String,
    /// The request field (Rust name) carrying the page size.
    pub size_field: Option<String>,
    /// The items' type.
    pub item_ty: Ty,
    /// Client method streaming pages (`describe_images_pages`).
    pub pages_method: String,
    /// Client method streaming items (`describe_images_items`).
    pub items_method: String,
}

/// A waiter: poll one operation until what another started is done.
#[derive(Debug, Clone)]
pub struct Waiter {
    /// Client method (`wait_until_image_available`).
    pub method_name: String,
    /// Doc lines.
    pub docs: Vec<String>,
    /// The polled operation's request type, output type and error-response type.
    pub poll_request: String,
    /// The polled operation's output.
    pub poll_output: Ty,
    /// The polled operation's error responses.
    pub poll_errors: String,
    /// How each poll parameter is filled.
    pub inputs: Vec<WaiterInput>,
    /// Dotted wire path to the status in the poll response.
    pub status: String,
    /// Values that mean done.
    pub success: Vec<String>,
    /// Values that mean failed.
    pub failure: Vec<String>,
}

/// One parameter of a waiter's poll request.
#[derive(Debug, Clone)]
pub struct WaiterInput {
    /// Wire name, for errors.
    pub wire_name: String,
    /// The poll request's field (Rust name).
    pub target: String,
    /// Whether it is a constructor argument of the poll request.
    pub target_required: bool,
    /// Where the value comes from.
    pub source: WaiterSource,
}

/// Where a poll parameter's value comes from.
#[derive(Debug, Clone)]
pub enum WaiterSource {
    /// A field path (Rust names and presences) in the starting operation's request.
    Request(Vec<(String, Presence)>),
    /// A field path in the starting operation's output.
    Response(Vec<(String, Presence)>),
    /// A constant value.
    Constant(Value),
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
