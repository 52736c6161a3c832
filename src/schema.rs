//! THE table: which blocks exist where, their fields, value types, required
//! fields, defaults, AWS counterparts and AWS limits.
//!
//! The checker is driven by this table (unknown fields and their suggestions,
//! types, limits), `docs/language.md` documents it, and a test compares every
//! limit that names an AWS shape with AWS's own models in `data/aws/`, so drift
//! fails CI.

/// Where a limit comes from in AWS's models (`data/aws/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A shape of botocore's SSM model.
    Ssm(&'static str),
    /// A shape of botocore's IAM model.
    Iam(&'static str),
}

/// Limits on a value, copied from AWS's models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Length of a string, in characters (UTF-16 code units, as AWS counts).
    pub len: Option<(u32, u32)>,
    /// Range of an integer (in the field's unit: hours, seconds, days).
    pub range: Option<(i64, i64)>,
    /// Whole-match pattern, exactly as in AWS's model.
    pub pattern: Option<&'static str>,
    /// The model shape these limits are copied from.
    pub shape: Option<Shape>,
    /// Number of items of a list or map, and the list/map shape it comes from.
    pub items: Option<(u32, u32)>,
    /// The list or map shape `items` is copied from.
    pub items_shape: Option<Shape>,
    /// Whether `len` counts UTF-8 bytes (AWS blobs) rather than characters.
    pub bytes: bool,
}

impl Limits {
    /// No limits.
    pub const NONE: Limits = Limits {
        len: None,
        range: None,
        pattern: None,
        shape: None,
        items: None,
        items_shape: None,
        bytes: false,
    };

    const fn len(min: u32, max: u32, shape: Shape) -> Limits {
        Limits {
            len: Some((min, max)),
            shape: Some(shape),
            ..Limits::NONE
        }
    }

    const fn len_pat(min: u32, max: u32, pattern: &'static str, shape: Shape) -> Limits {
        Limits {
            len: Some((min, max)),
            pattern: Some(pattern),
            shape: Some(shape),
            ..Limits::NONE
        }
    }

    const fn range(min: i64, max: i64, shape: Shape) -> Limits {
        Limits {
            range: Some((min, max)),
            shape: Some(shape),
            ..Limits::NONE
        }
    }

    const fn items(self, min: u32, max: u32, shape: Shape) -> Limits {
        Limits {
            items: Some((min, max)),
            items_shape: Some(shape),
            ..self
        }
    }
}

/// Rules for a map of tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagRules {
    /// Limits on each key.
    pub key: Limits,
    /// Limits on each value.
    pub value: Limits,
}

/// Rules for a map of parameter lists (`{ Name = ["v"] }`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamRules {
    /// Limits on each name.
    pub key: Limits,
    /// Limits on each value string, and on the number of values per name.
    pub value: Limits,
}

/// What kind of value a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// A string.
    Str,
    /// An AWS resource name: checked against AWS's name rules (MW0206).
    Name,
    /// A whole number.
    Int,
    /// `true` or `false`.
    Bool,
    /// A duration in whole hours: `3h`.
    Hours,
    /// A duration in seconds: `600s`, `10m`, `1h`.
    Seconds,
    /// A duration in whole days: `2d`.
    Days,
    /// A list of strings.
    StrList,
    /// A map of tag keys to tag values.
    Tags(&'static TagRules),
    /// A map of tag keys to one value or a list of values (target selection).
    TargetTags,
    /// A map of parameter names to one value or a list of values.
    Params(&'static ParamRules),
    /// A map with fixed keys.
    Record(&'static [Field]),
    /// A declared role, or the ARN of an existing role.
    RoleRef,
    /// Declared targets of the same window, or instance ids.
    TaskTargets,
    /// A concurrency or error threshold: `1` or `10%`.
    RateControl,
    /// A schedule expression.
    Schedule,
    /// An ISO 8601 date-time with a UTC offset.
    DateTime,
    /// An IANA time zone name.
    TimeZone,
    /// A string, or a map or list that mwc serializes as JSON.
    Json,
    /// One of a fixed set of strings.
    Enum(&'static [&'static str]),
    /// A list of strings from a fixed set.
    EnumList(&'static [&'static str]),
    /// A document version: `"$LATEST"`, `"$DEFAULT"` or a number.
    Version,
}

impl Type {
    /// How the type is described in messages and the reference.
    pub fn describe(self) -> &'static str {
        match self {
            Type::Str | Type::Name | Type::Schedule | Type::DateTime | Type::TimeZone => "a string",
            Type::Int => "a whole number",
            Type::Bool => "`true` or `false`",
            Type::Hours => "a duration in hours, such as `3h`",
            Type::Seconds => "a duration, such as `600s` or `10m`",
            Type::Days => "a number of days, such as `2d`",
            Type::StrList => "a list of strings",
            Type::Tags(_) => "a map of strings, such as `{ Key = \"value\" }`",
            Type::TargetTags => "a map of tag values, such as `{ Key = \"value\" }`",
            Type::Params(_) => "a map of parameters, such as `{ Name = [\"value\"] }`",
            Type::Record(_) => "a map, such as `{ key = value }`",
            Type::RoleRef => "a role name or a role ARN string",
            Type::TaskTargets => "a list of targets",
            Type::RateControl => "a number or a percentage, such as `1` or `10%`",
            Type::Json => "a string, or a map to send as JSON",
            Type::Enum(_) => "one of the allowed strings",
            Type::EnumList(_) => "a list of the allowed strings",
            Type::Version => "`\"$LATEST\"`, `\"$DEFAULT\"` or a version number",
        }
    }
}

/// One field of a block or record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its spelling in `.mw`.
    pub name: &'static str,
    /// The value it takes.
    pub ty: Type,
    /// Whether it must be set.
    pub required: bool,
    /// The default when absent, as documented.
    pub default: Option<&'static str>,
    /// The AWS request member (API) it sets, dotted from the request.
    pub aws: &'static str,
    /// AWS's limits.
    pub limits: Limits,
    /// One line of documentation.
    pub doc: &'static str,
    /// Set when AWS has deprecated the member: what to use instead.
    pub deprecated: Option<&'static str>,
}

const fn field(name: &'static str, ty: Type, aws: &'static str, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        default: None,
        aws,
        limits: Limits::NONE,
        doc,
        deprecated: None,
    }
}

impl Field {
    const fn required(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }
    const fn default(self, value: &'static str) -> Field {
        Field {
            default: Some(value),
            ..self
        }
    }
    const fn limits(self, limits: Limits) -> Field {
        Field { limits, ..self }
    }
    const fn deprecated(self, instead: &'static str) -> Field {
        Field {
            deprecated: Some(instead),
            ..self
        }
    }
}

/// Whether a block header has a name or a string label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// `kind Name { }`
    Name,
    /// `kind "label" { }`
    Label {
        /// What the label is, for messages ("document name").
        what: &'static str,
        /// The AWS member it sets.
        aws: &'static str,
        /// Its limits.
        limits: Limits,
    },
}

/// A kind of block: the word written before a block's name or label.
///
/// Every block kind the language knows is one variant, and code that treats
/// kinds differently matches on it exhaustively. A block whose written kind
/// is none of these is `None` from [`Kind::parse`], never some other kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The top level of the program: its settings, roles and windows. No
    /// block is written with this kind; messages spell it `file`.
    Top,
    /// `role Name { }`: an IAM role for tasks.
    Role,
    /// `window Name { }`: a maintenance window.
    Window,
    /// `target Name { }`: targets of a window.
    Target,
    /// `task Name { }`: a task of a window.
    Task,
    /// `run_command "document" { }`: a task that runs a Command document.
    RunCommand,
    /// `automation "document" { }`: a task that runs an Automation runbook.
    Automation,
    /// `lambda "function" { }`: a task that invokes a Lambda function.
    Lambda,
    /// `step_functions "arn" { }`: a task that starts a state machine.
    StepFunctions,
    /// `param Name { }`: a parameter of the program, taken out by
    /// elaboration.
    Param,
    /// `template Name { }`: items that blocks `use`, taken out by
    /// elaboration.
    Template,
    /// `document "name" { }`: the program's own document, taken out by
    /// elaboration.
    Document,
}

impl Kind {
    /// Every kind, [`Kind::Top`] first.
    pub const ALL: [Kind; 12] = [
        Kind::Top,
        Kind::Role,
        Kind::Window,
        Kind::Target,
        Kind::Task,
        Kind::RunCommand,
        Kind::Automation,
        Kind::Lambda,
        Kind::StepFunctions,
        Kind::Param,
        Kind::Template,
        Kind::Document,
    ];

    /// The kind's spelling: the one place each is written.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Top => "file",
            Kind::Role => "role",
            Kind::Window => "window",
            Kind::Target => "target",
            Kind::Task => "task",
            Kind::RunCommand => "run_command",
            Kind::Automation => "automation",
            Kind::Lambda => "lambda",
            Kind::StepFunctions => "step_functions",
            Kind::Param => "param",
            Kind::Template => "template",
            Kind::Document => "document",
        }
    }

    /// The kind a block written as `text` has; None for a word that is no
    /// block kind (and for `file`, which names the top level, not a block).
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| *k != Kind::Top && k.as_str() == text)
    }

    /// Whether a task block of this kind runs an SSM document
    /// (`run_command`, `automation`).
    pub const fn runs_document(self) -> bool {
        match self {
            Kind::RunCommand | Kind::Automation => true,
            Kind::Top
            | Kind::Role
            | Kind::Window
            | Kind::Target
            | Kind::Task
            | Kind::Lambda
            | Kind::StepFunctions
            | Kind::Param
            | Kind::Template
            | Kind::Document => false,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One kind of block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockSchema {
    /// The block's kind; its spelling is [`BlockSchema::name`].
    pub kind: Kind,
    /// What its header carries.
    pub header: Header,
    /// Its fields.
    pub fields: &'static [Field],
    /// The kinds of block allowed inside it.
    pub blocks: &'static [&'static BlockSchema],
    /// What it declares in AWS.
    pub aws: &'static str,
    /// One line of documentation.
    pub doc: &'static str,
}

impl BlockSchema {
    /// The field with this name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The block's kind as written (`file` for the top level).
    pub const fn name(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The child block kind written `kind`; None when no such block is
    /// allowed here, or no block kind is spelt so.
    pub fn block(&self, kind: &str) -> Option<&'static BlockSchema> {
        Kind::parse(kind).and_then(|kind| self.child(kind))
    }

    /// The child block of this kind, when it is allowed here.
    pub fn child(&self, kind: Kind) -> Option<&'static BlockSchema> {
        self.blocks.iter().copied().find(|b| b.kind == kind)
    }
}

// ───────────────────────────── Shared rules ─────────────────────────────

/// `^[a-zA-Z0-9_\-.]{3,128}$`: windows, targets and tasks.
pub const SSM_NAME: Limits = Limits::len_pat(
    3,
    128,
    r"^[a-zA-Z0-9_\-.]{3,128}$",
    Shape::Ssm("MaintenanceWindowName"),
);
const SSM_DESCRIPTION: Limits = Limits::len(1, 128, Shape::Ssm("MaintenanceWindowDescription"));
const SSM_TAGS: TagRules = TagRules {
    key: Limits::len_pat(
        1,
        128,
        r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
        Shape::Ssm("TagKey"),
    ),
    value: Limits::len_pat(
        0,
        256,
        r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
        Shape::Ssm("TagValue"),
    ),
};
const SSM_TAG_LIST: Limits = Limits::NONE.items(0, 1000, Shape::Ssm("TagList"));

/// An IAM role name: `[\w+=,.@-]+`, 1 to 64 characters.
pub const IAM_ROLE_NAME: Limits =
    Limits::len_pat(1, 64, r"[\w+=,.@-]+", Shape::Iam("roleNameType"));
const IAM_TAGS: TagRules = TagRules {
    key: Limits::len_pat(
        1,
        128,
        r"[\p{L}\p{Z}\p{N}_.:/=+\-@]+",
        Shape::Iam("tagKeyType"),
    ),
    value: Limits::len_pat(
        0,
        256,
        r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*",
        Shape::Iam("tagValueType"),
    ),
};

/// A target key (`tag:Name`, `InstanceIds`, ...).
pub const TARGET_KEY: Limits = Limits::len_pat(
    1,
    163,
    r"^[\p{L}\p{Z}\p{N}_.:/=\-@]*$|resource-groups:ResourceTypeFilters|resource-groups:Name",
    Shape::Ssm("TargetKey"),
);
/// The values of one target key.
pub const TARGET_VALUES: Limits = Limits::NONE.items(0, 50, Shape::Ssm("TargetValues"));
/// The entries of a `Targets` list.
pub const TARGETS: Limits = Limits::NONE.items(0, 5, Shape::Ssm("Targets"));

/// An EC2 instance id or a hybrid managed node id.
pub const INSTANCE_ID: &str = r"^(i-[0-9a-f]{8}([0-9a-f]{9})?|mi-[0-9a-f]{17})$";
/// The ARN of an IAM role.
pub const ROLE_ARN: &str =
    r"^arn:aws[a-zA-Z-]*:iam::\d{12}:role/([\u0021-\u007E]+/)*[\w+=,.@-]{1,64}$";
/// The ARN of a Step Functions state machine.
pub const STATE_MACHINE_ARN: &str =
    r"^arn:aws[a-zA-Z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$";
/// A Lambda function name, partial ARN or ARN (with an optional qualifier).
pub const LAMBDA_FUNCTION: &str = r"^(arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:|\d{12}:function:)?[a-zA-Z0-9_-]{1,64}(:(\$LATEST|[a-zA-Z0-9_-]+))?$";
/// An SSM document name or ARN.
pub const DOCUMENT: &str =
    r"^(arn:aws[a-zA-Z-]*:ssm:[a-z0-9-]*:(\d{12})?:document/)?[a-zA-Z0-9_\-.:/]{3,128}$";
/// An SNS topic ARN.
pub const TOPIC_ARN: &str =
    r"^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$";
/// A managed policy ARN, as CloudFormation's `ManagedPolicyArns` accepts it.
pub const POLICY_ARN: &str =
    r"arn:(aws[a-zA-Z-]*)?:iam::(\d{12}|aws):policy/[a-zA-Z_0-9+=,.@\-_/]+";
/// A service principal such as `ssm.amazonaws.com`.
pub const SERVICE_PRINCIPAL: &str = r"^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$";
/// A CloudFormation resource type for a resource-group filter.
pub const RESOURCE_TYPE: &str = r"^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$";

// ───────────────────────────── Top level ─────────────────────────────

const TOP_FIELDS: &[Field] = &[
    field(
        "account",
        Type::Str,
        "",
        "The AWS account id the program deploys to (12 digits).",
    )
    .limits(Limits {
        pattern: Some(r"^\d{12}$"),
        ..Limits::NONE
    }),
    field(
        "region",
        Type::Str,
        "",
        "The AWS Region, such as `us-east-1`.",
    )
    .limits(Limits {
        pattern: Some(r"^[a-z]{2}(-[a-z]+)+-\d{1,2}$"),
        ..Limits::NONE
    }),
    field(
        "partition",
        Type::Enum(PARTITIONS),
        "",
        "The AWS partition.",
    )
    .default("aws"),
];

/// The AWS partitions.
pub const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

/// The top level of a file.
pub const TOP: BlockSchema = BlockSchema {
    kind: Kind::Top,
    header: Header::Name,
    fields: TOP_FIELDS,
    blocks: &[&ROLE, &WINDOW],
    aws: "",
    doc: "Settings for the whole program, and its roles and windows.",
};

// ───────────────────────────── role ─────────────────────────────

const PASS_ROLE_FIELDS: &[Field] = &[
    field(
        "name",
        Type::Name,
        "CreatePolicy.PolicyName",
        "The name of the PassRole managed policy.",
    )
    .default("CloudFormation names it; the API plan uses `<role name>-pass-role`")
    .limits(Limits::len_pat(
        1,
        128,
        r"[\w+=,.@-]+",
        Shape::Iam("policyNameType"),
    )),
    field(
        "users",
        Type::StrList,
        "AttachUserPolicy.UserName",
        "IAM users allowed to pass the role.",
    )
    .limits(Limits {
        len: Some((1, 64)),
        pattern: Some(r"[\w+=,.@-]+"),
        ..Limits::NONE
    }),
    field(
        "groups",
        Type::StrList,
        "AttachGroupPolicy.GroupName",
        "IAM groups allowed to pass the role.",
    )
    .limits(Limits::len_pat(
        1,
        128,
        r"[\w+=,.@-]+",
        Shape::Iam("groupNameType"),
    )),
    field(
        "roles",
        Type::StrList,
        "AttachRolePolicy.RoleName",
        "IAM roles allowed to pass the role.",
    )
    .limits(IAM_ROLE_NAME),
];

const TRUST_CONDITION_FIELDS: &[Field] = &[
    field(
        "source_account",
        Type::Bool,
        "CreateRole.AssumeRolePolicyDocument",
        "Only let Systems Manager assume the role for this account (`aws:SourceAccount`).",
    )
    .default("false"),
    field(
        "source_arn",
        Type::Bool,
        "CreateRole.AssumeRolePolicyDocument",
        "Only for Systems Manager resources of this account and Region (`aws:SourceArn`).",
    )
    .default("false"),
];

const ROLE_FIELDS: &[Field] = &[
    field(
        "name",
        Type::Name,
        "CreateRole.RoleName",
        "The IAM role name.",
    )
    .default("CloudFormation names the role; the API plan and `iam/` use the declared name")
    .limits(IAM_ROLE_NAME),
    field(
        "description",
        Type::Str,
        "CreateRole.Description",
        "What the role is for.",
    )
    .limits(Limits::len_pat(
        0,
        1000,
        r"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*",
        Shape::Iam("roleDescriptionType"),
    )),
    field(
        "path",
        Type::Str,
        "CreateRole.Path",
        "The IAM path of the role.",
    )
    .default("\"/\"")
    .limits(Limits::len_pat(
        1,
        512,
        r"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)",
        Shape::Iam("pathType"),
    )),
    field(
        "trust",
        Type::StrList,
        "CreateRole.AssumeRolePolicyDocument",
        "Service principals that may assume the role.",
    )
    .default("[\"ssm.amazonaws.com\"]")
    .limits(Limits {
        pattern: Some(SERVICE_PRINCIPAL),
        items: Some((1, 20)),
        ..Limits::NONE
    }),
    field(
        "policies",
        Type::StrList,
        "AttachRolePolicy.PolicyArn",
        "Managed policy ARNs to attach.",
    )
    .limits(Limits {
        len: Some((20, 2048)),
        pattern: Some(POLICY_ARN),
        shape: Some(Shape::Iam("arnType")),
        ..Limits::NONE
    }),
    field(
        "pass_role",
        Type::Record(PASS_ROLE_FIELDS),
        "",
        "Who may pass the role to Systems Manager (gets an `iam:PassRole` policy).",
    ),
    field(
        "trust_conditions",
        Type::Record(TRUST_CONDITION_FIELDS),
        "CreateRole.AssumeRolePolicyDocument",
        "Confused-deputy conditions on the trust policy (off unless asked for).",
    ),
    field(
        "max_session_duration",
        Type::Seconds,
        "CreateRole.MaxSessionDuration",
        "The longest session the role allows.",
    )
    .limits(Limits::range(
        3600,
        43200,
        Shape::Iam("roleMaxSessionDurationType"),
    )),
    field(
        "permissions_boundary",
        Type::Str,
        "CreateRole.PermissionsBoundary",
        "ARN of a managed policy that bounds the role's permissions.",
    )
    .limits(Limits::len(20, 2048, Shape::Iam("arnType"))),
    field(
        "tags",
        Type::Tags(&IAM_TAGS),
        "CreateRole.Tags",
        "Tags on the role.",
    )
    .limits(Limits::NONE.items(0, 50, Shape::Iam("tagListType"))),
];

/// `role NAME { }`: the IAM service role Systems Manager assumes to run tasks.
pub const ROLE: BlockSchema = BlockSchema {
    kind: Kind::Role,
    header: Header::Name,
    fields: ROLE_FIELDS,
    blocks: &[],
    aws: "AWS::IAM::Role",
    doc: "The IAM service role Systems Manager assumes to run tasks.",
};

// ───────────────────────────── window ─────────────────────────────

const WINDOW_FIELDS: &[Field] = &[
    field(
        "name",
        Type::Name,
        "CreateMaintenanceWindow.Name",
        "The window's name.",
    )
    .default("the declared name")
    .limits(SSM_NAME),
    field(
        "description",
        Type::Str,
        "CreateMaintenanceWindow.Description",
        "What the window is for.",
    )
    .limits(SSM_DESCRIPTION),
    field(
        "schedule",
        Type::Schedule,
        "CreateMaintenanceWindow.Schedule",
        "When the window opens: `cron(...)`, `rate(...)` or `at(...)`.",
    )
    .required()
    .limits(Limits::len(1, 256, Shape::Ssm("MaintenanceWindowSchedule"))),
    field(
        "timezone",
        Type::TimeZone,
        "CreateMaintenanceWindow.ScheduleTimezone",
        "The IANA time zone of the schedule.",
    )
    .default("\"UTC\""),
    field(
        "offset",
        Type::Days,
        "CreateMaintenanceWindow.ScheduleOffset",
        "Days to wait after each cron occurrence (cron schedules only).",
    )
    .limits(Limits::range(1, 6, Shape::Ssm("MaintenanceWindowOffset"))),
    field(
        "start_date",
        Type::DateTime,
        "CreateMaintenanceWindow.StartDate",
        "When the window becomes active (ISO 8601 with offset).",
    ),
    field(
        "end_date",
        Type::DateTime,
        "CreateMaintenanceWindow.EndDate",
        "When the window stops being active (ISO 8601 with offset).",
    ),
    field(
        "duration",
        Type::Hours,
        "CreateMaintenanceWindow.Duration",
        "How long the window stays open, in whole hours.",
    )
    .required()
    .limits(Limits::range(
        1,
        24,
        Shape::Ssm("MaintenanceWindowDurationHours"),
    )),
    field(
        "cutoff",
        Type::Hours,
        "CreateMaintenanceWindow.Cutoff",
        "How long before the end no new task starts, in whole hours; below `duration`.",
    )
    .required()
    .limits(Limits::range(0, 23, Shape::Ssm("MaintenanceWindowCutoff"))),
    field(
        "allow_unregistered_targets",
        Type::Bool,
        "CreateMaintenanceWindow.AllowUnassociatedTargets",
        "Whether tasks may name instance ids that are not registered targets.",
    )
    .default("false"),
    field(
        "tags",
        Type::Tags(&SSM_TAGS),
        "CreateMaintenanceWindow.Tags",
        "Tags on the window.",
    )
    .limits(SSM_TAG_LIST),
];

/// `window NAME { }`: a maintenance window.
pub const WINDOW: BlockSchema = BlockSchema {
    kind: Kind::Window,
    header: Header::Name,
    fields: WINDOW_FIELDS,
    blocks: &[&TARGET, &TASK],
    aws: "AWS::SSM::MaintenanceWindow",
    doc: "A maintenance window: its schedule, duration and cutoff, with its targets and tasks.",
};

// ───────────────────────────── target ─────────────────────────────

const TARGET_FIELDS: &[Field] = &[
    field(
        "name",
        Type::Name,
        "RegisterTargetWithMaintenanceWindow.Name",
        "The target's name.",
    )
    .default("the declared name")
    .limits(SSM_NAME),
    field(
        "description",
        Type::Str,
        "RegisterTargetWithMaintenanceWindow.Description",
        "What the target is.",
    )
    .limits(SSM_DESCRIPTION),
    field(
        "owner",
        Type::Str,
        "RegisterTargetWithMaintenanceWindow.OwnerInformation",
        "Owner information, included in the events the window raises.",
    )
    .limits(Limits::len(1, 128, Shape::Ssm("OwnerInformation"))),
    field(
        "tags",
        Type::TargetTags,
        "RegisterTargetWithMaintenanceWindow.Targets",
        "Select nodes by tag (`tag:Key`); every pair must match.",
    )
    .limits(Limits {
        items: Some((1, 5)),
        ..TARGETS
    }),
    field(
        "tag_keys",
        Type::StrList,
        "RegisterTargetWithMaintenanceWindow.Targets",
        "Select nodes that carry these tag keys (`tag-key`); at most 5.",
    )
    .limits(Limits {
        items: Some((1, 5)),
        ..Limits::NONE
    }),
    field(
        "instances",
        Type::StrList,
        "RegisterTargetWithMaintenanceWindow.Targets",
        "Select nodes by id (`InstanceIds`).",
    )
    .limits(Limits {
        pattern: Some(INSTANCE_ID),
        items: Some((1, 50)),
        ..TARGET_VALUES
    }),
    field(
        "resource_group",
        Type::Str,
        "RegisterTargetWithMaintenanceWindow.Targets",
        "Select the members of a resource group (`resource-groups:Name`).",
    ),
    field(
        "resource_types",
        Type::StrList,
        "RegisterTargetWithMaintenanceWindow.Targets",
        "Only these resource types of the group (`resource-groups:ResourceTypeFilters`).",
    )
    .limits(Limits {
        pattern: Some(RESOURCE_TYPE),
        ..TARGET_VALUES
    }),
];

/// `target NAME { }`: nodes registered with a window.
pub const TARGET: BlockSchema = BlockSchema {
    kind: Kind::Target,
    header: Header::Name,
    fields: TARGET_FIELDS,
    blocks: &[],
    aws: "AWS::SSM::MaintenanceWindowTarget",
    doc: "Nodes registered with the window, by tag, instance id or resource group.",
};

// ───────────────────────────── task ─────────────────────────────

const ALARM_FIELDS: &[Field] = &[
    field(
        "name",
        Type::Str,
        "RegisterTaskWithMaintenanceWindow.AlarmConfiguration.Alarms.Name",
        "The CloudWatch alarm that stops the task when it goes into ALARM.",
    )
    .required()
    .limits(Limits::len_pat(
        1,
        255,
        r"^(?!\s*$).+",
        Shape::Ssm("AlarmName"),
    )),
    field(
        "ignore_poll_failure",
        Type::Bool,
        "RegisterTaskWithMaintenanceWindow.AlarmConfiguration.IgnorePollAlarmFailure",
        "Run the task even when the alarm's state cannot be read.",
    )
    .default("false"),
];

/// The cutoff behaviours.
pub const CUTOFF_BEHAVIORS: &[&str] = &["CONTINUE_TASK", "CANCEL_TASK"];

const TASK_FIELDS: &[Field] = &[
    field(
        "name",
        Type::Name,
        "RegisterTaskWithMaintenanceWindow.Name",
        "The task's name.",
    )
    .default("the declared name")
    .limits(SSM_NAME),
    field(
        "description",
        Type::Str,
        "RegisterTaskWithMaintenanceWindow.Description",
        "What the task does.",
    )
    .limits(SSM_DESCRIPTION),
    field(
        "priority",
        Type::Int,
        "RegisterTaskWithMaintenanceWindow.Priority",
        "Lower runs first; equal priorities run in parallel.",
    )
    .default("1")
    .limits(Limits {
        range: Some((0, i64::MAX)),
        shape: Some(Shape::Ssm("MaintenanceWindowTaskPriority")),
        ..Limits::NONE
    }),
    field(
        "targets",
        Type::TaskTargets,
        "RegisterTaskWithMaintenanceWindow.Targets",
        "Targets of this window, or instance ids when the window allows unregistered targets.",
    )
    .limits(TARGET_VALUES),
    field(
        "max_concurrency",
        Type::RateControl,
        "RegisterTaskWithMaintenanceWindow.MaxConcurrency",
        "How many targets run at once.",
    )
    .limits(Limits::len_pat(
        1,
        7,
        r"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$",
        Shape::Ssm("MaxConcurrency"),
    )),
    field(
        "max_errors",
        Type::RateControl,
        "RegisterTaskWithMaintenanceWindow.MaxErrors",
        "How many errors stop the task from starting on more targets.",
    )
    .limits(Limits::len_pat(
        1,
        7,
        r"^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$",
        Shape::Ssm("MaxErrors"),
    )),
    field(
        "role",
        Type::RoleRef,
        "RegisterTaskWithMaintenanceWindow.ServiceRoleArn",
        "The service role that runs the task.",
    )
    .default("the Systems Manager service-linked role"),
    field(
        "cutoff_behavior",
        Type::Enum(CUTOFF_BEHAVIORS),
        "RegisterTaskWithMaintenanceWindow.CutoffBehavior",
        "What happens to a running task at the cutoff.",
    )
    .default("\"CONTINUE_TASK\"")
    .limits(Limits {
        shape: Some(Shape::Ssm("MaintenanceWindowTaskCutoffBehavior")),
        ..Limits::NONE
    }),
    field(
        "alarm",
        Type::Record(ALARM_FIELDS),
        "RegisterTaskWithMaintenanceWindow.AlarmConfiguration",
        "A CloudWatch alarm that stops the task (API only: CloudFormation has no such property).",
    ),
    field(
        "task_parameters",
        Type::Params(&RUN_COMMAND_PARAMS),
        "RegisterTaskWithMaintenanceWindow.TaskParameters",
        "Deprecated by AWS.",
    )
    .deprecated("set `parameters` in the task-type block (`run_command` or `automation`)"),
    field(
        "logging_info",
        Type::Json,
        "RegisterTaskWithMaintenanceWindow.LoggingInfo",
        "Deprecated by AWS.",
    )
    .deprecated("set `output_s3` in the `run_command` block"),
];

/// `task NAME { }`: work the window runs.
pub const TASK: BlockSchema = BlockSchema {
    kind: Kind::Task,
    header: Header::Name,
    fields: TASK_FIELDS,
    blocks: &[&RUN_COMMAND, &AUTOMATION, &LAMBDA, &STEP_FUNCTIONS],
    aws: "AWS::SSM::MaintenanceWindowTask",
    doc: "Work the window runs, with exactly one task-type block.",
};

// ─────────────────────────── task types ───────────────────────────

const TASK_ARN: Limits = Limits::len(1, 1600, Shape::Ssm("MaintenanceWindowTaskArn"));
const DOCUMENT_VERSION: Limits = Limits {
    pattern: Some(r"([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)"),
    shape: Some(Shape::Ssm("DocumentVersion")),
    ..Limits::NONE
};
const RUN_COMMAND_PARAMS: ParamRules = ParamRules {
    key: Limits::NONE,
    value: Limits::NONE,
};
const AUTOMATION_PARAMS: ParamRules = ParamRules {
    key: Limits::len(1, 50, Shape::Ssm("AutomationParameterKey")),
    value: Limits::len(1, 512, Shape::Ssm("AutomationParameterValue")).items(
        0,
        50,
        Shape::Ssm("AutomationParameterValueList"),
    ),
};

const OUTPUT_S3_FIELDS: &[Field] = &[
    field(
        "bucket",
        Type::Str,
        "TaskInvocationParameters.RunCommand.OutputS3BucketName",
        "The S3 bucket for command output.",
    )
    .required()
    .limits(Limits::len(3, 63, Shape::Ssm("S3BucketName"))),
    field(
        "prefix",
        Type::Str,
        "TaskInvocationParameters.RunCommand.OutputS3KeyPrefix",
        "The key prefix for command output.",
    )
    .limits(Limits::len(0, 500, Shape::Ssm("S3KeyPrefix"))),
];

/// The notification events.
pub const NOTIFICATION_EVENTS: &[&str] = &[
    "All",
    "InProgress",
    "Success",
    "TimedOut",
    "Cancelled",
    "Failed",
];
/// The notification types.
pub const NOTIFICATION_TYPES: &[&str] = &["Command", "Invocation"];

const NOTIFY_FIELDS: &[Field] = &[
    field(
        "topic",
        Type::Str,
        "TaskInvocationParameters.RunCommand.NotificationConfig.NotificationArn",
        "The SNS topic ARN.",
    )
    .required()
    .limits(Limits {
        pattern: Some(TOPIC_ARN),
        ..Limits::NONE
    }),
    field(
        "role",
        Type::RoleRef,
        "TaskInvocationParameters.RunCommand.ServiceRoleArn",
        "The role Systems Manager uses to publish to the topic.",
    ),
    field(
        "events",
        Type::EnumList(NOTIFICATION_EVENTS),
        "TaskInvocationParameters.RunCommand.NotificationConfig.NotificationEvents",
        "Which status changes notify.",
    )
    .default("[\"All\"]")
    .limits(Limits {
        shape: Some(Shape::Ssm("NotificationEvent")),
        ..Limits::NONE
    }),
    field(
        "type",
        Type::Enum(NOTIFICATION_TYPES),
        "TaskInvocationParameters.RunCommand.NotificationConfig.NotificationType",
        "Notify per command or per invocation (node).",
    )
    .default("\"Command\"")
    .limits(Limits {
        shape: Some(Shape::Ssm("NotificationType")),
        ..Limits::NONE
    }),
];

/// The document hash types.
pub const HASH_TYPES: &[&str] = &["Sha256", "Sha1"];

const DOCUMENT_HASH_FIELDS: &[Field] = &[
    field(
        "hash",
        Type::Str,
        "TaskInvocationParameters.RunCommand.DocumentHash",
        "The document's hash.",
    )
    .required()
    .limits(Limits::len(0, 256, Shape::Ssm("DocumentHash"))),
    field(
        "type",
        Type::Enum(HASH_TYPES),
        "TaskInvocationParameters.RunCommand.DocumentHashType",
        "The hash algorithm (SHA-1 is deprecated).",
    )
    .default("\"Sha256\"")
    .limits(Limits {
        shape: Some(Shape::Ssm("DocumentHashType")),
        ..Limits::NONE
    }),
];

const RUN_COMMAND_FIELDS: &[Field] = &[
    field(
        "version",
        Type::Version,
        "TaskInvocationParameters.RunCommand.DocumentVersion",
        "The document version to run.",
    )
    .limits(DOCUMENT_VERSION),
    field(
        "parameters",
        Type::Params(&RUN_COMMAND_PARAMS),
        "TaskInvocationParameters.RunCommand.Parameters",
        "The document's parameters; a single string means a one-item list.",
    ),
    field(
        "comment",
        Type::Str,
        "TaskInvocationParameters.RunCommand.Comment",
        "A comment about the command.",
    )
    .limits(Limits::len(0, 100, Shape::Ssm("Comment"))),
    field(
        "timeout",
        Type::Seconds,
        "TaskInvocationParameters.RunCommand.TimeoutSeconds",
        "If the command has not started by then, it does not run.",
    )
    .limits(Limits::range(30, 2_592_000, Shape::Ssm("TimeoutSeconds"))),
    field(
        "output_s3",
        Type::Record(OUTPUT_S3_FIELDS),
        "TaskInvocationParameters.RunCommand.OutputS3BucketName",
        "Where to store command output in S3.",
    ),
    field(
        "cloudwatch_log_group",
        Type::Str,
        "TaskInvocationParameters.RunCommand.CloudWatchOutputConfig.CloudWatchLogGroupName",
        "Send command output to this CloudWatch Logs group.",
    )
    .limits(Limits::len(1, 512, Shape::Ssm("CloudWatchLogGroupName"))),
    field(
        "cloudwatch_output",
        Type::Bool,
        "TaskInvocationParameters.RunCommand.CloudWatchOutputConfig.CloudWatchOutputEnabled",
        "Send command output to CloudWatch Logs (true when a log group is named).",
    ),
    field(
        "notify",
        Type::Record(NOTIFY_FIELDS),
        "TaskInvocationParameters.RunCommand.NotificationConfig",
        "SNS notifications about the command's status.",
    ),
    field(
        "document_hash",
        Type::Record(DOCUMENT_HASH_FIELDS),
        "TaskInvocationParameters.RunCommand.DocumentHash",
        "Run the document only if its hash matches.",
    ),
];

/// `run_command "DOCUMENT" { }`: a Run Command task.
pub const RUN_COMMAND: BlockSchema = BlockSchema {
    kind: Kind::RunCommand,
    header: Header::Label {
        what: "document name or ARN",
        aws: "TaskArn",
        limits: Limits {
            pattern: Some(DOCUMENT),
            ..TASK_ARN
        },
    },
    fields: RUN_COMMAND_FIELDS,
    blocks: &[],
    aws: "RUN_COMMAND",
    doc: "Run a Command document (such as `AWS-RunPatchBaseline`) on the task's targets.",
};

const AUTOMATION_FIELDS: &[Field] = &[
    field(
        "version",
        Type::Version,
        "TaskInvocationParameters.Automation.DocumentVersion",
        "The runbook version to run.",
    )
    .limits(DOCUMENT_VERSION),
    field(
        "parameters",
        Type::Params(&AUTOMATION_PARAMS),
        "TaskInvocationParameters.Automation.Parameters",
        "The runbook's parameters; a single string means a one-item list.",
    )
    .limits(Limits::NONE.items(1, 200, Shape::Ssm("AutomationParameterMap"))),
];

/// `automation "RUNBOOK" { }`: an Automation task.
pub const AUTOMATION: BlockSchema = BlockSchema {
    kind: Kind::Automation,
    header: Header::Label {
        what: "runbook name or ARN",
        aws: "TaskArn",
        limits: Limits {
            pattern: Some(DOCUMENT),
            ..TASK_ARN
        },
    },
    fields: AUTOMATION_FIELDS,
    blocks: &[],
    aws: "AUTOMATION",
    doc: "Start an Automation runbook (such as `AWS-RestartEC2Instance`).",
};

const LAMBDA_FIELDS: &[Field] = &[
    field(
        "qualifier",
        Type::Str,
        "TaskInvocationParameters.Lambda.Qualifier",
        "The function version or alias.",
    )
    .limits(Limits::len(
        1,
        128,
        Shape::Ssm("MaintenanceWindowLambdaQualifier"),
    )),
    field(
        "payload",
        Type::Json,
        "TaskInvocationParameters.Lambda.Payload",
        "The JSON the function receives (at most 4096 bytes).",
    )
    .limits(Limits {
        bytes: true,
        ..Limits::len(0, 4096, Shape::Ssm("MaintenanceWindowLambdaPayload"))
    }),
    field(
        "client_context",
        Type::Str,
        "TaskInvocationParameters.Lambda.ClientContext",
        "Base64-encoded client context for the function.",
    )
    .limits(Limits::len(
        1,
        8000,
        Shape::Ssm("MaintenanceWindowLambdaClientContext"),
    )),
];

/// `lambda "FUNCTION" { }`: a Lambda task.
pub const LAMBDA: BlockSchema = BlockSchema {
    kind: Kind::Lambda,
    header: Header::Label {
        what: "function name or ARN",
        aws: "TaskArn",
        limits: Limits {
            pattern: Some(LAMBDA_FUNCTION),
            ..TASK_ARN
        },
    },
    fields: LAMBDA_FIELDS,
    blocks: &[],
    aws: "LAMBDA",
    doc: "Invoke a Lambda function.",
};

const STEP_FUNCTIONS_FIELDS: &[Field] = &[
    field(
        "input",
        Type::Json,
        "TaskInvocationParameters.StepFunctions.Input",
        "The execution's JSON input (at most 4096 characters).",
    )
    .limits(Limits::len(
        0,
        4096,
        Shape::Ssm("MaintenanceWindowStepFunctionsInput"),
    )),
    field(
        "execution_name",
        Type::Str,
        "TaskInvocationParameters.StepFunctions.Name",
        "The execution's name.",
    )
    .limits(Limits::len(
        1,
        80,
        Shape::Ssm("MaintenanceWindowStepFunctionsName"),
    )),
];

/// `step_functions "STATE_MACHINE_ARN" { }`: a Step Functions task.
pub const STEP_FUNCTIONS: BlockSchema = BlockSchema {
    kind: Kind::StepFunctions,
    header: Header::Label {
        what: "state machine ARN",
        aws: "TaskArn",
        limits: Limits {
            pattern: Some(STATE_MACHINE_ARN),
            ..TASK_ARN
        },
    },
    fields: STEP_FUNCTIONS_FIELDS,
    blocks: &[],
    aws: "STEP_FUNCTIONS",
    doc: "Start an execution of a Step Functions state machine.",
};

/// Every block kind, for the reference and for "this belongs in ..." hints.
pub const ALL_BLOCKS: &[&BlockSchema] = &[
    &ROLE,
    &WINDOW,
    &TARGET,
    &TASK,
    &RUN_COMMAND,
    &AUTOMATION,
    &LAMBDA,
    &STEP_FUNCTIONS,
];

#[cfg(test)]
mod tests {
    use super::{ALL_BLOCKS, Kind, TOP};

    #[test]
    fn every_kind_is_listed_once_and_parses_back() {
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            // A new variant fails to compile here until it is listed.
            let position = match kind {
                Kind::Top => 0,
                Kind::Role => 1,
                Kind::Window => 2,
                Kind::Target => 3,
                Kind::Task => 4,
                Kind::RunCommand => 5,
                Kind::Automation => 6,
                Kind::Lambda => 7,
                Kind::StepFunctions => 8,
                Kind::Param => 9,
                Kind::Template => 10,
                Kind::Document => 11,
            };
            assert_eq!(i, position, "{kind:?}");
            let expected = (kind != Kind::Top).then_some(kind);
            assert_eq!(Kind::parse(kind.as_str()), expected);
        }
        assert_eq!(Kind::parse("windows"), None);
        assert_eq!(Kind::parse("Window"), None);
    }

    #[test]
    fn block_lookup_goes_through_the_kind() {
        assert_eq!(TOP.block("role").map(|b| b.kind), Some(Kind::Role));
        assert_eq!(TOP.block("task"), None);
        assert_eq!(TOP.block("file"), None);
        for block in ALL_BLOCKS {
            assert_ne!(block.kind, Kind::Top);
            assert_eq!(Kind::parse(block.name()), Some(block.kind));
        }
    }
}
