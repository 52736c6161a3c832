#!/usr/bin/env python3
"""Writes a synthetic .mw program of N windows to standard output, for timing
`mwc check` end to end (see docs/benchmarks.md). The windows are the ones the
criterion benchmark (benches/check.rs) generates."""
import sys

HEAD = '''account = "123456789012"

role PatchingRole {
  policies = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
  pass_role = { groups = ["Administrators"] }
}

'''

WINDOW = '''// Window {i}: nightly patching of one fleet.
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

'''

def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    out = [HEAD]
    out.extend(WINDOW.format(i=i, hour=3 + i % 20) for i in range(count))
    sys.stdout.write("".join(out))

if __name__ == "__main__":
    main()
