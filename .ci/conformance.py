#!/usr/bin/env python3
"""Conformance of mwc's outputs, judged by outside tools.

For every example: build it, then require that
  * cfn-lint reports no error and no warning on each CloudFormation template;
  * every SSM request body, placeholders filled with well-formed ids, passes
    botocore's parameter validation for its operation;
  * every IAM document passes parliament with no finding above LOW;
  * the whole plan, applied in order with boto3 against a moto server on
    127.0.0.1 (ids bound from the responses), reads back every window, target
    and task with the fields that were sent.

Usage: conformance.py MWC_BINARY EXAMPLES_DIR
Exits non-zero on any failure, and prints `N passed, N failed`.
"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import boto3
import botocore.session
from botocore.validate import ParamValidator
from parliament import analyze_policy_string

ACCOUNT = "123456789012"
REGION = "us-east-1"

passed = 0
failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {what}")
    else:
        failed += 1
        print(f"FAIL  {what}\n      {detail}")


def build(mwc, example, out):
    result = subprocess.run(
        [mwc, "build", str(example), "-o", str(out), "--set", f"account={ACCOUNT}",
         "--set", f"region={REGION}", "--color", "never"],
        capture_output=True, text=True)
    return result


def cfn_lint(template):
    cfn_lint_bin = Path(sys.executable).parent / "cfn-lint"
    result = subprocess.run(
        [str(cfn_lint_bin), "--regions", REGION, "--format", "parseable", str(template)],
        capture_output=True, text=True)
    # 0: nothing; 8: informational only. 2 (error) and 4 (warning) fail.
    return result.returncode in (0, 8), (result.stdout + result.stderr).strip()


PLACEHOLDER = re.compile(r"\{\{(window|target):([^}]+)\}\}")


def fake_ids(text):
    """Fills placeholders with well-formed ids, for offline validation."""
    def repl(m):
        digest = format(abs(hash(m.group(0))) % (16 ** 17), "017x")
        if m.group(1) == "window":
            return "mw-" + digest
        d = (digest * 3)[:32]
        return f"{d[:8]}-{d[8:12]}-{d[12:16]}-{d[16:20]}-{d[20:32]}"
    return PLACEHOLDER.sub(repl, text)


def validate_ssm(model, step, body_text):
    operation = model.operation_model(step["operation"])
    params = json.loads(fake_ids(body_text))
    report = ParamValidator().validate(params, operation.input_shape)
    return not report.has_errors(), report.generate_report()


def parliament_findings(text):
    policy = analyze_policy_string(text)
    trust = all("Principal" in s for s in json.loads(text).get("Statement", []))
    # parliament reads every document as an identity policy. A trust policy
    # is resource-based: IAM forbids a Resource element in it, so that one
    # finding does not apply to trust policies.
    serious = [
        f for f in policy.findings
        if f.severity not in ("LOW", "INFO", "MUTE")
        and not (trust and f.issue == "MALFORMED" and "neither Resource nor NotResource" in str(f.detail))
    ]
    return not serious, "; ".join(f"{f.issue} ({f.severity}) {f.detail}" for f in serious)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_moto():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("moto server did not start")


def substitute(value, bound):
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda m: bound[m.group(0)], value)
    if isinstance(value, list):
        return [substitute(v, bound) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, bound) for k, v in value.items()}
    return value


# Sensitive fields the describe calls return redacted (empty).
REDACTED = {"OwnerInformation"}


def same(sent, got):
    """Whether every field that was sent comes back equal (fields the
    service does not echo, redacted ones, and the idempotency token, are
    skipped)."""
    problems = []
    for key, value in sent.items():
        if key == "ClientToken" or key not in got:
            continue
        if key in REDACTED and got[key] in ("", None):
            continue
        if key == "Targets":
            want = sorted((t["Key"], tuple(t["Values"])) for t in value)
            have = sorted((t["Key"], tuple(t["Values"])) for t in got[key])
            if want != have:
                problems.append(f"{key}: sent {want}, got {have}")
        elif got[key] != value:
            problems.append(f"{key}: sent {value!r}, got {got[key]!r}")
    return problems


def apply_plan(client, out):
    ssm_dir = out / "ssm"
    plan = json.loads((ssm_dir / "plan.json").read_text())
    bound = {}
    sent = {"windows": [], "targets": [], "tasks": []}
    for step in plan["steps"]:
        body = substitute(json.loads((ssm_dir / step["request"]).read_text()), bound)
        response = getattr(client, snake(step["operation"]))(**body)
        for placeholder, field in step["binds"].items():
            bound[placeholder] = response[field]
        kind = {"CreateMaintenanceWindow": "windows",
                "RegisterTargetWithMaintenanceWindow": "targets",
                "RegisterTaskWithMaintenanceWindow": "tasks"}[step["operation"]]
        sent[kind].append((body, response))
    problems = []
    for body, response in sent["windows"]:
        got = client.get_maintenance_window(WindowId=response["WindowId"])
        for key in ("Name", "Schedule", "Duration", "Cutoff"):
            if key not in got:
                problems.append(f"window {body['Name']}: {key} not read back")
        problems += [f"window {body['Name']}: {p}" for p in same(body, got)]
    for body, response in sent["targets"]:
        targets = client.describe_maintenance_window_targets(WindowId=body["WindowId"])["Targets"]
        match = [t for t in targets if t["WindowTargetId"] == response["WindowTargetId"]]
        if not match:
            problems.append(f"target {body['Name']} not read back")
            continue
        problems += [f"target {body['Name']}: {p}" for p in same(body, match[0])]
    for body, response in sent["tasks"]:
        tasks = client.describe_maintenance_window_tasks(WindowId=body["WindowId"])["Tasks"]
        match = [t for t in tasks if t["WindowTaskId"] == response["WindowTaskId"]]
        if not match:
            problems.append(f"task {body['Name']} not read back")
            continue
        for key in ("TaskArn", "Priority", "Targets", "Name"):
            if key in body and key not in match[0]:
                problems.append(f"task {body['Name']}: {key} not read back")
        problems += [f"task {body['Name']}: {p}" for p in same(body, match[0])]
    return problems


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def main():
    mwc, examples_dir = sys.argv[1], Path(sys.argv[2])
    examples = sorted(examples_dir.glob("*.mw"))
    if not examples:
        print("no examples found")
        sys.exit(1)
    model = botocore.session.get_session().get_service_model("ssm")
    server, endpoint = start_moto()
    try:
        for example in examples:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "out"
                result = build(mwc, example, out)
                check(result.returncode == 0, f"{example.name}: mwc build", result.stderr)
                if result.returncode != 0:
                    continue
                for template in sorted(out.glob("cloudformation*.json")) + sorted(out.glob("cloudformation/*.json")):
                    ok, detail = cfn_lint(template)
                    check(ok, f"{example.name}: cfn-lint {template.relative_to(out)}", detail)
                plan = json.loads((out / "ssm" / "plan.json").read_text())
                for step in plan["steps"]:
                    ok, detail = validate_ssm(model, step, (out / "ssm" / step["request"]).read_text())
                    check(ok, f"{example.name}: botocore {step['request']}", detail)
                for doc in sorted((out / "iam").glob("*.json")):
                    ok, detail = parliament_findings(doc.read_text())
                    check(ok, f"{example.name}: parliament {doc.name}", detail)
                client = boto3.client(
                    "ssm", region_name=REGION, endpoint_url=endpoint,
                    aws_access_key_id="testing", aws_secret_access_key="testing")
                try:
                    problems = apply_plan(client, out)
                except Exception as e:  # report, do not crash the whole run
                    problems = [f"{type(e).__name__}: {e}"]
                check(not problems, f"{example.name}: plan applied to moto and read back", "; ".join(problems))
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
