#!/usr/bin/env python3
"""mwc's SARIF output, judged by the SARIF schema and Microsoft's validator.

Writes SARIF logs with the mwc binary, into OUT_DIR:
  * each/NAME.sarif: `mwc check --message-format sarif` of every invalid
    fixture (tests/fixtures/err/*.mw), one at a time;
  * all.sarif: every invalid fixture and every values file checked together
    as one program (labels across files, hundreds of results);
  * outside.sarif: a program on standard input with `--set` arguments, whose
    results are in no file (`<stdin>`, `<command line>`).
Then requires that
  * every log is valid against SCHEMA, the SARIF 2.1.0 JSON schema the
    validator's package ships (Draft 2020-12, formats checked);
  * `Sarif.Multitool validate` (settings: .ci/sarif-validate.xml) reports no
    error and no warning, and ran to the end: on all.sarif with GitHub code
    scanning's rules too (`--rule-kind Sarif;Ghas`), on outside.sarif with
    the SARIF rules alone (GitHub shows no result outside a file, and says
    so). The validator exits 0 whatever it finds: its own SARIF report is
    what is read.
Both checks are first shown a broken log, and must reject it, so that a
validator that stopped checking cannot pass the real ones.

Usage: sarif.py MWC_BINARY MULTITOOL SCHEMA OUT_DIR
Exits non-zero on any failure.
"""

import copy
import glob
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".ci" / "sarif-validate.xml"
# The tests' clock, so that the date-dependent checks give the same results.
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795392000", NO_COLOR="1")


def mwc(binary, args, stdin=None, statuses=(0, 1)):
    """The SARIF log of `mwc check --message-format sarif ARGS`."""
    done = subprocess.run(
        [binary, "check", "--message-format", "sarif", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=ENV,
    )
    if done.returncode not in statuses:
        sys.exit(f"mwc check {' '.join(args)} exited {done.returncode}: {done.stderr[-2000:]!r}")
    return done.stderr


def write_logs(binary, out):
    """Writes the logs into `out`; returns their paths."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "each").mkdir(parents=True)
    fixtures = sorted(glob.glob("tests/fixtures/err/*.mw", root_dir=ROOT))
    values = sorted(glob.glob("tests/fixtures/err/values/*.mwvalues", root_dir=ROOT))
    logs = []
    for fixture in fixtures:
        path = out / "each" / (Path(fixture).stem + ".sarif")
        path.write_bytes(mwc(binary, [fixture]))
        logs.append(path)
    every = list(fixtures)
    for v in values:
        every += ["--values", v]
    (out / "all.sarif").write_bytes(mwc(binary, every))
    program = b"window W {\n  cutoff = 9h\n}\n"
    (out / "outside.sarif").write_bytes(
        mwc(binary, ["--set", "nosuch=1", "--set", "region=moon", "-"], stdin=program)
    )
    # Every invalid fixture as a program of its own (the directory walked),
    # in one log.
    (out / "programs.sarif").write_bytes(mwc(binary, ["--each", "tests/fixtures/err"]))
    # A run with trouble outside the input: a failed invocation, still one log.
    (out / "trouble.sarif").write_bytes(
        mwc(binary, ["--each", fixtures[0], "no/such/file.mw"], statuses=(2,))
    )
    if json.loads((out / "trouble.sarif").read_text())["runs"][0]["invocations"][0]["executionSuccessful"]:
        sys.exit("trouble.sarif: the run with trouble says it succeeded")
    logs += [out / "all.sarif", out / "outside.sarif", out / "programs.sarif", out / "trouble.sarif"]
    for path in logs[-4:]:
        if not json.loads(path.read_text())["runs"][0]["results"]:
            sys.exit(f"{path}: no results")
    return logs


def schema_errors(validator, path):
    """The schema's complaints about one log, as lines."""
    log = json.loads(Path(path).read_text())
    return [
        f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
        for e in validator.iter_errors(log)
    ]


def validate(multitool, report, logs, rule_kind):
    """Runs the validator; returns its findings (errors, warnings, and
    trouble running) as lines."""
    subprocess.run(
        [
            multitool, "validate",
            "--log", "ForceOverwrite",
            "--config", str(CONFIG),
            "--rule-kind", rule_kind,
            "--max-file-size-in-kb", "100000",
            "--output", str(report),
            *map(str, logs),
        ],
        check=True,
        capture_output=True,
    )
    found = []
    for run in json.loads(Path(report).read_text())["runs"]:
        for invocation in run.get("invocations", []):
            if not invocation.get("executionSuccessful", False):
                found.append("the validator did not run to the end")
            for note in invocation.get("toolExecutionNotifications", []) + invocation.get(
                "toolConfigurationNotifications", []
            ):
                if note.get("level") == "error" or "Skipped" in note.get("descriptor", {}).get("id", ""):
                    found.append(f"validator: {note['message']['text']}")
        for result in run.get("results", []):
            if result.get("level", "warning") in ("error", "warning"):
                physical = (result.get("locations") or [{}])[0].get("physicalLocation", {})
                where = "{}:{}".format(
                    physical.get("artifactLocation", {}).get("uri", "?"),
                    physical.get("region", {}).get("startLine", "?"),
                )
                args = result["message"].get("arguments", [])
                found.append(f"{where}: {result['ruleId']} {result.get('level', 'warning')}: {args}")
    return found


def main():
    binary, multitool, schema_path, out = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])
    out = out.resolve()
    logs = write_logs(binary, out)

    schema = json.loads(Path(schema_path).read_text())
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    # Broken on purpose: each check must reject it.
    broken = json.loads((out / "all.sarif").read_text())
    broken["runs"][0]["results"][0]["level"] = "fatal"  # not a level
    broken["runs"][0]["results"][1]["ruleIndex"] = 10_000  # no such rule
    del broken["runs"][0]["tool"]["driver"]["name"]  # required
    (out / "broken.sarif").write_text(json.dumps(broken, indent=2))
    if not schema_errors(validator, out / "broken.sarif"):
        sys.exit("the schema accepted a broken log: the check proves nothing")
    if not validate(multitool, out / "report-broken.sarif", [out / "broken.sarif"], "Sarif"):
        sys.exit("the validator accepted a broken log: the check proves nothing")

    failures = []
    for path in logs:
        failures += schema_errors(validator, path)
    failures += validate(multitool, out / "report-files.sarif", [out / "all.sarif"], "Sarif;Ghas")
    failures += validate(multitool, out / "report-outside.sarif", [out / "outside.sarif"], "Sarif")
    failures += validate(multitool, out / "report-programs.sarif", [out / "programs.sarif"], "Sarif;Ghas")
    failures += validate(multitool, out / "report-trouble.sarif", [out / "trouble.sarif"], "Sarif")
    for line in failures[:50]:
        print(line)
    results = sum(len(json.loads(p.read_text())["runs"][0]["results"]) for p in logs)
    print(f"{len(logs)} SARIF logs ({results} results): {len(failures)} problems")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
