//! The synthetic programs the benchmarks check (`benches/generate.py`
//! writes the same windows for timing the binary).

use std::fmt::Write;

/// A realistic program with `windows` windows, each with two targets and two
/// tasks, and one shared role.
pub fn program(windows: usize) -> String {
    let mut out = String::from(
        "account = \"123456789012\"\n\nrole PatchingRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n  pass_role = { groups = [\"Administrators\"] }\n}\n\n",
    );
    for i in 0..windows {
        let _ = write!(
            out,
            r#"// Window {i}: nightly patching of one fleet.
window Fleet{i:05} {{
  description = "Nightly patching of fleet {i}"
  schedule    = "cron(0 {hour} ? * * *)"
  timezone    = "America/New_York"
  duration    = 3h
  cutoff      = 1h
  tags        = {{ Team = "platform", Fleet = "fleet-{i}" }}

  target WebServers {{
    owner = "web-team"
    tags  = {{ Fleet = "fleet-{i}", Role = "web", "Patch Group" = "web-{i}" }}
  }}

  target Databases {{
    resource_group = "fleet-{i}-databases"
    resource_types = ["AWS::EC2::Instance"]
  }}

  task PatchWeb {{
    priority        = 1
    targets         = [WebServers]
    max_concurrency = 10%
    max_errors      = 1
    role            = PatchingRole
    run_command "AWS-RunPatchBaseline" {{
      parameters = {{ Operation = "Install", RebootOption = "RebootIfNeeded" }}
      timeout    = 600s
      output_s3  = {{ bucket = "patch-logs-{i}", prefix = "web/" }}
    }}
  }}

  task PatchDatabases {{
    priority        = 2
    targets         = [Databases]
    max_concurrency = 1
    max_errors      = 0
    role            = PatchingRole
    run_command "AWS-RunPatchBaseline" {{
      parameters = {{ Operation = ["Install"] }}
    }}
  }}
}}

"#,
            hour = 3 + i % 20
        );
    }
    out
}
