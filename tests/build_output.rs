//! `mwc build` of every example and valid fixture: every output file as a
//! snapshot, and the same bytes on every build.
//!
//! A program is built like `.ci/conformance.py` builds it: with every output,
//! unless its first line is a build directive such as
//! `// mwc-build: --emit ssm,iam` (for a program that CloudFormation cannot
//! express, such as a task `alarm`).

use mwc::BuildOptions;
use mwc::Sources;
use mwc::build::Emit;
use std::path::Path;

mod common;

use common::build;

#[test]
fn every_output_of_every_program() {
    let mut failures = Vec::new();
    for (path, env) in common::programs().into_iter().flat_map(|p| {
        common::environments(&p)
            .into_iter()
            .map(move |e| (p.clone(), e))
    }) {
        let (errors, files) = common::build_in(&path, env.as_deref());
        assert_eq!(errors, 0, "{} ({env:?}) has errors", path.display());
        assert_distinct_paths(&files);
        for file in &files {
            assert!(
                file.text.ends_with("}\n"),
                "{}: {} must end in a newline",
                path.display(),
                file.path
            );
            serde_json::from_str::<serde_json::Value>(&file.text)
                .unwrap_or_else(|e| panic!("{}: {} is not JSON: {e}", path.display(), file.path));
        }
        let name = common::snapshot_name_in(&path, env.as_deref());
        let content: String = files
            .iter()
            .map(|f| format!("----- {}\n{}", f.path, f.text))
            .collect();
        if !common::snapshot("build", &name, &content) {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "snapshots differ: {failures:?}");
}

#[test]
fn build_directives_choose_the_outputs() {
    assert_eq!(common::directive_emit("role R {}\n"), Emit::ALL);
    let api_only = Emit {
        cfn: false,
        ssm: true,
        iam: true,
    };
    assert_eq!(
        common::directive_emit("// mwc-build: --emit ssm,iam\n"),
        api_only
    );
    assert_eq!(
        common::directive_emit("// mwc-build: --emit=ssm,iam\r\n"),
        api_only
    );
    // Only the first line counts.
    assert_eq!(
        common::directive_emit("\n// mwc-build: --emit ssm\n"),
        Emit::ALL
    );
    let alarm = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/task-alarm.mw");
    let (errors, files) = build(&alarm);
    assert_eq!(errors, 0, "an alarm builds without CloudFormation");
    assert!(files.iter().all(|f| !f.path.starts_with("cloudformation")));
}

#[test]
fn builds_are_byte_identical() {
    for path in common::programs() {
        assert_eq!(build(&path).1, build(&path).1, "{}", path.display());
    }
}

#[test]
fn a_large_program_is_split_into_templates_within_quotas() {
    // 200 windows of 3 resources each: more than 500 resources.
    let mut text = String::from(
        "account = \"123456789012\"\nrole PatchRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}\n",
    );
    for i in 0..200 {
        text.push_str(&format!(
            "window Fleet{i:03} {{\n  schedule = \"cron(0 3 ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  target Web {{ tags = {{ Fleet = \"f{i}\" }} }}\n  task Patch {{\n    targets = [Web]\n    max_concurrency = 1\n    max_errors = 1\n    role = PatchRole\n    run_command \"AWS-RunPatchBaseline\" {{ parameters = {{ Operation = \"Install\" }} }}\n  }}\n}}\n"
        ));
    }
    let dir = std::env::temp_dir().join(format!("mwc-split-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big.mw");
    std::fs::write(&path, text).expect("write");
    let (errors, files) = build(&path);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(errors, 0);
    let templates: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("cloudformation"))
        .collect();
    assert_eq!(templates.len(), 201, "a roles template and one per window");
    let roles: serde_json::Value = serde_json::from_str(&templates[0].text).expect("JSON");
    assert_eq!(
        roles["Outputs"]["PatchRoleArn"]["Export"]["Name"],
        "mwc-role-PatchRole-arn"
    );
    let window: serde_json::Value = serde_json::from_str(&templates[1].text).expect("JSON");
    assert_eq!(
        window["Resources"]["Fleet000PatchTask"]["Properties"]["ServiceRoleArn"]["Fn::ImportValue"],
        "mwc-role-PatchRole-arn"
    );
    for t in &templates {
        let doc: serde_json::Value = serde_json::from_str(&t.text).expect("JSON");
        let resources = doc["Resources"].as_object().map_or(0, |r| r.len());
        assert!(
            resources <= 500 && t.text.len() <= 1_000_000,
            "{} is over quota",
            t.path
        );
    }
}

/// The logical ids a template value refers to (`Ref`, `Fn::GetAtt`,
/// `DependsOn` and `${...}` in `Fn::Sub`).
fn references(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("Ref", serde_json::Value::String(id)) => out.push(id.clone()),
                    ("Fn::GetAtt", serde_json::Value::Array(a)) => {
                        out.extend(a.first().and_then(|id| id.as_str()).map(String::from));
                    }
                    ("Fn::Sub", serde_json::Value::String(text)) => {
                        for part in text.split("${").skip(1) {
                            let id = part.split(['}', '.']).next().unwrap_or("");
                            out.push(id.to_string());
                        }
                    }
                    ("DependsOn", serde_json::Value::String(id)) => out.push(id.clone()),
                    _ => references(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// A resource of the template that depends on itself, directly or through
/// others (what CloudFormation refuses as a circular dependency).
fn cycle(template: &serde_json::Value) -> Option<Vec<String>> {
    let resources = template["Resources"].as_object()?;
    let edges: std::collections::BTreeMap<&str, Vec<String>> = resources
        .iter()
        .map(|(id, r)| {
            let mut out = Vec::new();
            references(r, &mut out);
            out.retain(|d| resources.contains_key(d));
            (id.as_str(), out)
        })
        .collect();
    // Depth-first search with colours: grey on the stack, black done.
    fn visit<'a>(
        id: &'a str,
        edges: &'a std::collections::BTreeMap<&str, Vec<String>>,
        colour: &mut std::collections::BTreeMap<&'a str, u8>,
        stack: &mut Vec<String>,
    ) -> bool {
        match colour.get(id) {
            Some(1) => {
                stack.push(id.to_string());
                return true;
            }
            Some(_) => return false,
            None => {}
        }
        colour.insert(id, 1);
        stack.push(id.to_string());
        for next in edges.get(id).into_iter().flatten() {
            if let Some((key, _)) = edges.get_key_value(next.as_str())
                && visit(key, edges, colour, stack)
            {
                return true;
            }
        }
        stack.pop();
        colour.insert(id, 2);
        false
    }
    let mut colour = std::collections::BTreeMap::new();
    for id in edges.keys() {
        let mut stack = Vec::new();
        if visit(id, &edges, &mut colour, &mut stack) {
            return Some(stack);
        }
    }
    None
}

#[test]
fn no_template_has_a_circular_dependency() {
    // The check itself finds what CloudFormation refuses.
    let self_reference = serde_json::json!({ "Resources": {
        "A": { "Properties": { "P": { "Fn::GetAtt": ["A", "Arn"] } } },
    }});
    assert!(cycle(&self_reference).is_some());
    let through_another = serde_json::json!({ "Resources": {
        "A": { "Properties": { "P": { "Ref": "B" } } },
        "B": { "Properties": { "P": { "Fn::Sub": "${A.Arn}" } } },
    }});
    assert!(cycle(&through_another).is_some());
    for path in common::programs() {
        let (errors, files) = build(&path);
        assert_eq!(errors, 0, "{}", path.display());
        for file in files
            .iter()
            .filter(|f| f.path.starts_with("cloudformation"))
        {
            let template: serde_json::Value = serde_json::from_str(&file.text).expect("JSON");
            assert_eq!(
                cycle(&template),
                None,
                "{}: {} has a circular dependency",
                path.display(),
                file.path
            );
        }
    }
}

#[test]
fn a_role_that_is_its_own_notification_role_may_publish_and_pass_itself() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ok/own-notification-role.mw");
    let (errors, files) = build(&path);
    assert_eq!(errors, 0);
    let template: serde_json::Value =
        serde_json::from_str(&files[0].text).expect("the template first");
    let role = &template["Resources"]["MaintenanceWindowRole"]["Properties"];
    assert_eq!(
        role["Policies"][0]["PolicyDocument"]["Statement"][0],
        serde_json::json!({
            "Sid": "PublishNotifications",
            "Effect": "Allow",
            "Action": "sns:Publish",
            "Resource": "arn:aws:sns:us-east-1:123456789012:patching"
        })
    );
    let pass = &template["Resources"]["MaintenanceWindowRoleNotificationPolicy"];
    assert_eq!(pass["Type"], "AWS::IAM::Policy");
    assert_eq!(
        pass["Properties"]["Roles"],
        serde_json::json!([{ "Ref": "MaintenanceWindowRole" }])
    );
}

#[test]
fn the_default_build_needs_only_the_program_and_a_failed_build_emits_nothing() {
    let program = "role PatchRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n  pass_role = { groups = [\"Admins\"] }\n}\nwindow Nightly {\n  schedule = \"cron(0 3 ? * * *)\"\n  duration = 3h\n  cutoff = 1h\n  target Web { tags = { Tier = \"Web\" } }\n  task Patch {\n    targets = [Web]\n    max_concurrency = 1\n    max_errors = 1\n    role = PatchRole\n    run_command \"AWS-RunPatchBaseline\" { parameters = { Operation = \"Install\" } }\n  }\n}\n";
    let mut sources = Sources::new();
    sources.add("program.mw", program);
    let built = mwc::build(&sources, common::testing_now(), &BuildOptions::default());
    assert!(built.diagnostics.is_empty(), "{:?}", built.diagnostics);
    let files = built.files.expect("built");
    let text = |name: &str| {
        files
            .iter()
            .find(|f| f.path == name)
            .map(|f| f.text.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    // Role ARNs come from CreateRole; the PassRole document names the
    // account `*`.
    assert!(text("ssm/plan.json").contains("\"{{role:PatchRole}}\": \"Role.Arn\""));
    assert!(
        text("iam/PatchRole.pass-role-policy.json").contains("\"arn:aws:iam::*:role/PatchRole\"")
    );

    // A build-context error (trust conditions without an account) emits
    // nothing at all.
    let with_conditions = program.replace(
        "  pass_role = {",
        "  trust_conditions = { source_account = true }\n  pass_role = {",
    );
    let mut sources = Sources::new();
    sources.add("program.mw", with_conditions.as_str());
    let built = mwc::build(&sources, common::testing_now(), &BuildOptions::default());
    assert_eq!(
        built
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>(),
        ["MW0501"]
    );
    assert!(built.files.is_none());
    // ...and `mwc check` says so ahead, as a warning.
    let checked = mwc::check_sources(&sources, common::testing_now());
    assert_eq!(checked.len(), 1);
    assert_eq!(checked[0].severity, mwc::Severity::Warning);
}

/// No two output files share a path, even on a case-insensitive file
/// system.
fn assert_distinct_paths(files: &[mwc::emit::File]) {
    let mut seen = std::collections::HashMap::new();
    for file in files {
        if let Some(first) = seen.insert(file.path.to_ascii_lowercase(), &file.path) {
            panic!("`{}` and `{first}` are one file ignoring case", file.path);
        }
    }
}

#[test]
fn names_that_reach_file_names_never_collide() {
    // A 61-character role name, a role named like the shortened form that
    // name used to get (44 characters and a 16-digit hash), a Windows
    // device name, and windows alike in the same ways, in a program large
    // enough to be split into one template per window.
    let long = format!("R{}", "x".repeat(60));
    let shortened = format!("{}{:016x}", &long[..44], 0x1234_5678_9abc_def0_u64);
    let mut text = String::new();
    for role in [long.as_str(), shortened.as_str(), "CON", "nul"] {
        text.push_str(&format!(
            "role {role} {{\n  name = \"r{}\"\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}}\n",
            role.len() + text.len()
        ));
    }
    let wlong = format!("W{}", "x".repeat(60));
    let wshort = format!("{}{:016x}", &wlong[..44], 0x1234_5678_9abc_def0_u64);
    for i in 0..170 {
        let name = match i {
            0 => wlong.clone(),
            1 => wshort.clone(),
            2 => "PRN".to_string(),
            _ => format!("Fleet{i:03}"),
        };
        text.push_str(&format!(
            "window {name} {{\n  schedule = \"cron(0 3 ? * SUN *)\"\n  duration = 3h\n  cutoff = 1h\n  target Web {{ tags = {{ Fleet = \"f{i}\" }} }}\n  task Patch {{\n    targets = [Web]\n    max_concurrency = 1\n    max_errors = 1\n    run_command \"AWS-RunPatchBaseline\" {{ parameters = {{ Operation = \"Install\" }} }}\n  }}\n}}\n"
        ));
    }
    let mut sources = Sources::new();
    sources.add("names.mw", text.as_str());
    sources.add_settings(&["account=123456789012"]);
    let options = BuildOptions::default();
    let built = mwc::build(&sources, common::testing_now(), &options);
    let errors: Vec<_> = built.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let files = built.files.expect("built");
    assert_distinct_paths(&files);
    let trust = files
        .iter()
        .filter(|f| f.path.ends_with(".trust-policy.json"))
        .count();
    assert_eq!(trust, 4, "one trust policy per role");
    let windows = files
        .iter()
        .filter(|f| f.path.starts_with("cloudformation/"))
        .count();
    assert_eq!(windows, 170, "one template per window");
    for file in &files {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let stem = name.split('.').next().unwrap_or(name);
        assert!(
            !["CON", "NUL", "PRN"].contains(&stem.to_ascii_uppercase().as_str()),
            "{}",
            file.path
        );
        assert!(
            name.len() <= 200,
            "{}: file systems take 255 bytes",
            file.path
        );
    }
}
