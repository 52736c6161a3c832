//! `mwc schedule --format html`: the page of an example across a
//! daylight-saving change, and of a program whose windows overlap, as
//! snapshots; the display zone's validation.

use mwc::Timestamp;
use mwc::render::html::{DisplayZone, Page, Row, display_zone, render};
mod common;

/// The nightly example from 10 March 2027 for a week: New York's clocks
/// change on the 14th, for the display zone and for the window.
#[test]
fn html_page_of_an_example_across_a_clock_change() {
    let out = common::mwc(
        &[
            "schedule",
            "examples/nightly-web-patching.mw",
            "--now",
            "2027-03-01T00:00:00Z",
            "--from",
            "2027-03-10T00:00:00Z",
            "--next",
            "7",
            "--format",
            "html",
            "--display-zone",
            "America/New_York",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(html.matches("<g class=\"opening").count(), 7);
    assert!(html.contains("UTC−05:00 → UTC−04:00"), "{html}");
    assert!(common::snapshot(
        "schedule",
        "html__nightly-web-patching",
        &html
    ));
}

/// Windows that overlap each other and themselves, with text that must be
/// escaped, drawn in Berlin time.
const OVERLAPPING: &str = r#"
role R {
  policies  = ["arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole"]
  pass_role = { groups = ["Administrators"] }
}

window Nightly {
  description = "Patches <web> & \"app\" servers"
  schedule    = "cron(0 3 ? * * *)"
  timezone    = "America/New_York"
  duration    = 3h
  cutoff      = 1h
  target Web { tags = { Role = "Web" } }
  task Reboot {
    priority        = 2
    targets         = [Web]
    max_concurrency = 1
    max_errors      = 1
    role            = R
    automation "AWS-RestartEC2Instance" { parameters = { InstanceId = "{{RESOURCE_ID}}" } }
  }
  task Patch {
    priority        = 1
    targets         = [Web]
    max_concurrency = 1
    max_errors      = 1
    role            = R
    run_command "AWS-RunPatchBaseline" { parameters = { Operation = "Install" } }
  }
}

window Scan {
  schedule = "cron(0 10 ? * * *)"
  duration = 2h
  cutoff   = 0h
}

window Backups {
  schedule = "cron(0 0/2 ? * * *)"
  duration = 3h
  cutoff   = 1h
}
"#;

#[test]
fn html_page_of_overlapping_windows() {
    let now: Timestamp = "2027-03-12T00:00:00Z".parse().expect("time");
    let mut sources = mwc::Sources::new();
    sources.add_bytes("fleet.mw", OVERLAPPING.as_bytes().to_vec());
    let zone: DisplayZone = display_zone("Europe/Berlin", now).expect("zone");
    let html = mwc::with_program(&sources, now, |checked| {
        let errors: Vec<_> = checked
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        let rows: Vec<Row> = checked
            .program()
            .windows
            .iter()
            .filter_map(|w| Some(Row::new(w, &sources, w.openings(now, 4)?)))
            .collect();
        render(
            &rows,
            &Page {
                zone: &zone,
                from: now,
                generated: now,
            },
        )
    });
    // Nightly (08:00 to 11:00 UTC until New York's clocks change on the
    // 14th, 07:00 to 10:00 after) and Scan (10:00 to 12:00 UTC) overlap on
    // the 12th and 13th only; Backups (every 2 hours for 3) overlaps
    // itself, and its 06:00 and 08:00 openings overlap Nightly's too.
    assert_eq!(html.matches("<g class=\"opening overlap\"").count(), 4);
    assert_eq!(html.matches("<g class=\"opening own\"").count(), 2);
    assert_eq!(html.matches("<g class=\"opening overlap own\"").count(), 2);
    assert!(html.contains("Patches &lt;web&gt; &amp; &quot;app&quot; servers"));
    assert!(!html.contains("<web>"));
    let patch = html.find("priority 1: Patch (").expect("Patch");
    let reboot = html.find("priority 2: Reboot (").expect("Reboot");
    assert!(patch < reboot, "tasks in priority order");
    assert!(common::snapshot("schedule", "html__overlapping", &html));
}

#[test]
fn an_unknown_display_zone_is_refused() {
    let out = common::mwc(
        &[
            "schedule",
            "examples/nightly-web-patching.mw",
            "--format",
            "html",
            "--display-zone",
            "Europe/Berln",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown time zone `Europe/Berln`") && stderr.contains("`Europe/Berlin`"),
        "{stderr}"
    );
}
