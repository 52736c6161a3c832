#!/usr/bin/env python3
"""Conformance of mwc's outputs, judged by outside tools.

For every program (`*.mw`) of the directories given: build it, with the
options of its `// mwc-build: ...` first line if it has one, then require that
  * cfn-lint reports no error and no warning on each CloudFormation template;
  * every request body of the plan (DIR/ssm/plan.json), placeholders filled
    with well-formed fake values, passes botocore's parameter validation for
    its operation in the model of its service (ssm or iam);
  * every IAM document passes parliament with no finding above LOW: the files
    in DIR/iam/ and the policy documents inside IAM request bodies;
  * `scripts/apply-plan DIR`, run against a moto server on 127.0.0.1, applies
    the whole plan, and everything it created reads back with the values that
    were sent: windows, targets and tasks; roles (path, description, session
    length, permissions boundary, tags, trust policy), their managed and
    inline policies; managed policies (document and attachments); and a
    Lambda task's payload arrives encoded exactly once.

Plans from before IAM steps (no `service`, SSM calls only) are handled too.

Usage: conformance.py MWC_BINARY DIR...
Exits non-zero on any failure, and prints `N passed, N failed`.
"""

import base64
import binascii
import hashlib
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import boto3
import botocore.session
from botocore.validate import ParamValidator
from parliament import analyze_policy_string

ACCOUNT = "123456789012"
REGION = "us-east-1"
ROOT = Path(__file__).resolve().parent.parent
APPLY_PLAN = ROOT / "scripts" / "apply-plan"

passed = 0
failed = 0


def check(ok, program, what, detail=""):
    """Counts and prints one verdict."""
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {program}: {what}")
    else:
        failed += 1
        print(f"FAIL  {program}: {what}\n      {detail}")


# ───────────────────────────── building ─────────────────────────────

def directive(program):
    """The extra `mwc build` options of a program's leading comment lines:
    `// mwc-build: ...` (first line) and each `// mwc-set: NAME=VALUE`."""
    lines = program.read_text(encoding="utf-8").split("\n")
    first = lines[0].strip()
    prefix = "// mwc-build:"
    args = shlex.split(first[len(prefix):]) if first.startswith(prefix) else []
    for line in lines:
        line = line.strip()
        if not line.startswith("//"):
            break
        if line.startswith("// mwc-set:"):
            args += ["--set", line[len("// mwc-set:"):].split(" //~")[0].strip()]
    return args


def environments(program):
    """The values files of a program's `// mwc-values: FILE` lines (each an
    environment it is built in on its own), or [None]."""
    envs = []
    for line in program.read_text(encoding="utf-8").split("\n"):
        line = line.strip()
        if not line.startswith("//"):
            break
        if line.startswith("// mwc-values:"):
            envs.append(program.parent / line[len("// mwc-values:"):].strip())
    return envs or [None]


def build(mwc, program, out, settings, env=None):
    """`mwc build` as CI and the build snapshots run it (`settings`), or as
    a user runs it first, with nothing but the program (and its values)."""
    sets = ["--set", f"account={ACCOUNT}", "--set", f"region={REGION}"] if settings else []
    values = ["--values", str(env)] if env else []
    return subprocess.run(
        [mwc, "build", str(program), "-o", str(out), *sets, *values, "--color", "never",
         *directive(program)],
        capture_output=True, text=True)


def sets_account(program):
    """Whether the program names its account itself."""
    return re.search(r"^account\s*=", program.read_text(), re.M) is not None


def load_steps(out):
    """The plan's steps, each with its `service` (ssm when absent) and body."""
    plan = out / "ssm" / "plan.json"
    steps = json.loads(plan.read_text())["steps"]
    for step in steps:
        step.setdefault("service", "ssm")
        step.setdefault("binds", {})
        step["body"] = json.loads((plan.parent / step["request"]).read_text())
    return steps


# ───────────────────────────── offline judges ─────────────────────────────

def cfn_lint(template):
    """cfn-lint's verdict on a template: no error and no warning."""
    cfn_lint_bin = Path(sys.executable).parent / "cfn-lint"
    result = subprocess.run(
        [str(cfn_lint_bin), "--regions", REGION, "--format", "parseable", "--", str(template)],
        capture_output=True, text=True)
    # 0: nothing; 8: informational only. 2 (error) and 4 (warning) fail.
    return result.returncode in (0, 8), (result.stdout + result.stderr).strip()


PLACEHOLDER = re.compile(r"\{\{(window|target|role|policy):([^{}]+)\}\}")


def fake_value(match):
    """A well-formed stand-in for a placeholder, stable for its text."""
    kind, digest = match.group(1), hashlib.sha256(match.group(0).encode()).hexdigest()
    if kind == "window":
        return "mw-" + digest[:17]
    if kind == "target":
        return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    if kind == "role":
        return f"arn:aws:iam::{ACCOUNT}:role/x"
    if kind == "policy":
        return f"arn:aws:iam::{ACCOUNT}:policy/x"
    raise ValueError(f"no fake value for placeholder kind `{kind}` in {match.group(0)}")


def substitute(value, replace):
    """`value` with every placeholder in every string replaced."""
    if isinstance(value, str):
        return PLACEHOLDER.sub(replace, value)
    if isinstance(value, list):
        return [substitute(v, replace) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, replace) for k, v in value.items()}
    return value


def validate(models, step):
    """botocore's validation of a body, placeholders filled with fakes."""
    try:
        params = substitute(step["body"], fake_value)
    except ValueError as e:
        return False, str(e)
    operation = models[step["service"]].operation_model(step["operation"])
    report = ParamValidator().validate(params, operation.input_shape)
    return not report.has_errors(), report.generate_report()


def parliament_findings(text):
    """parliament's findings above LOW on a policy document."""
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


POLICY_MEMBERS = ("PolicyDocument", "AssumeRolePolicyDocument")


def embedded_documents(steps):
    """(name, text) of each policy document inside an IAM request body."""
    for step in steps:
        for member in POLICY_MEMBERS:
            if step["service"] == "iam" and member in step["body"]:
                yield f"{step['request']} {member}", substitute(step["body"][member], fake_value)


# ───────────────────────────── moto ─────────────────────────────

class Moto:
    """A moto server on 127.0.0.1 that records the requests it receives."""

    def __init__(self, workdir):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.endpoint = f"http://127.0.0.1:{port}"
        self.recording = Path(workdir) / "moto-recording.jsonl"
        server_env = dict(os.environ, MOTO_ENABLE_RECORDING="true",
                          MOTO_RECORDER_FILEPATH=str(self.recording),
                          MOTO_IAM_LOAD_MANAGED_POLICIES="true")  # AWS managed policies exist
        self.server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=server_env)
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("moto server did not start")

    def env(self):
        """The environment of a client of this server: no real credentials."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_ENDPOINT_URL=self.endpoint, AWS_REGION=REGION, AWS_DEFAULT_REGION=REGION,
                   AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
        return env

    def client(self, service):
        return boto3.client(service, region_name=REGION, endpoint_url=self.endpoint,
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    def reset(self):
        """Forgets every resource and every recorded request."""
        for path in ("/moto-api/reset", "/moto-api/recorder/reset-recording"):
            urllib.request.urlopen(urllib.request.Request(self.endpoint + path, method="POST")).close()

    def received(self, operation):
        """The JSON bodies of the recorded requests for an SSM operation."""
        bodies = []
        for line in self.recording.read_text().splitlines():
            entry = json.loads(line)
            if entry["headers"].get("X-Amz-Target", "").endswith("." + operation):
                body = entry["body"]
                bodies.append(json.loads(base64.b64decode(body) if entry["body_encoded"] else body))
        return bodies

    def stop(self):
        self.server.terminate()
        self.server.wait(timeout=10)


def create_outside_identities(iam, steps):
    """Creates the users, groups, roles and customer managed policies that
    steps attach to or name but no step creates: in a real account they
    exist already (the people who register tasks, a shared policy)."""
    created_roles = {s["body"]["RoleName"] for s in steps if s["operation"] == "CreateRole"}
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "ssm.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    users, groups, roles, policies = set(), set(), set(), set()
    for step in steps:
        body, op = step["body"], step["operation"]
        if step["service"] != "iam" or not re.fullmatch(r"(Attach|Put)(User|Group|Role)Policy", op):
            continue
        if "UserName" in body:
            users.add(body["UserName"])
        if "GroupName" in body:
            groups.add(body["GroupName"])
        if body.get("RoleName") not in (None, *created_roles):
            roles.add(body["RoleName"])
        if body.get("PolicyArn", "").startswith(f"arn:aws:iam::{ACCOUNT}:policy/"):
            policies.add(body["PolicyArn"])
    for user in sorted(users):
        iam.create_user(UserName=user)
    for group in sorted(groups):
        iam.create_group(GroupName=group)
    for role in sorted(roles):
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust)
    for arn in sorted(policies):
        path, name = re.fullmatch(r"arn:aws:iam::\d+:policy(/|/.*/)([^/]+)", arn).groups()
        iam.create_policy(PolicyName=name, Path=path, PolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]}))


def run_apply_plan(moto, out):
    """Runs scripts/apply-plan against moto; returns the ids it bound."""
    result = subprocess.run([sys.executable, str(APPLY_PLAN), str(out)],
                            env=moto.env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"apply-plan exited {result.returncode}: {result.stderr.strip()}")
    # Each step's line ends in `{{kind:name}} = value, ...` for what it binds.
    return dict(re.findall(r"(\{\{[a-z][a-z-]*:[^{}]+\}\}) = ([^\s,]+)", result.stdout))


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


def read_back_ssm(ssm, sent, bound):
    """Every window, target and task the plan created."""
    problems = []
    for body, binds in sent["CreateMaintenanceWindow"]:
        got = ssm.get_maintenance_window(WindowId=bound[next(iter(binds))])
        for key in ("Name", "Schedule", "Duration", "Cutoff"):
            if key not in got:
                problems.append(f"window {body['Name']}: {key} not read back")
        problems += [f"window {body['Name']}: {p}" for p in same(body, got)]
    for body, binds in sent["RegisterTargetWithMaintenanceWindow"]:
        targets = ssm.describe_maintenance_window_targets(WindowId=body["WindowId"])["Targets"]
        match = [t for t in targets if t["WindowTargetId"] == bound[next(iter(binds))]]
        if not match:
            problems.append(f"target {body['Name']} not read back")
            continue
        problems += [f"target {body['Name']}: {p}" for p in same(body, match[0])]
    # Tasks bind no id: each sent task must match a distinct task of its window.
    left = {}
    for body, _ in sent["RegisterTaskWithMaintenanceWindow"]:
        window = body["WindowId"]
        if window not in left:
            left[window] = ssm.describe_maintenance_window_tasks(WindowId=window)["Tasks"]
        candidates = [t for t in left[window] if t.get("Name") == body.get("Name")]
        match = next((t for t in candidates if not same(body, t)), None)
        if match is None:
            detail = same(body, candidates[0]) if candidates else ["not read back"]
            problems += [f"task {body['Name']}: {p}" for p in detail]
            continue
        left[window].remove(match)
        for key in ("TaskArn", "Priority", "Targets", "Name"):
            if key in body and key not in match:
                problems.append(f"task {body['Name']}: {key} not read back")
    return problems


def read_back_payloads(moto, sent):
    """A Lambda task's payload reaches the service base64-encoded once: the
    text moto received and stored decodes to the program's JSON."""
    problems = []
    received = moto.received("RegisterTaskWithMaintenanceWindow")
    for body, _ in sent["RegisterTaskWithMaintenanceWindow"]:
        payload = body.get("TaskInvocationParameters", {}).get("Lambda", {}).get("Payload")
        if payload is None:
            continue
        want = base64.b64decode(payload)  # the program's JSON, as mwc wrote it
        stored = [r["TaskInvocationParameters"]["Lambda"].get("Payload") for r in received
                  if r.get("Name") == body.get("Name") and "Lambda" in r.get("TaskInvocationParameters", {})]
        try:
            ok = any(base64.b64decode(s, validate=True) == want for s in stored if s)
        except binascii.Error:
            ok = False
        if not ok:
            problems.append(f"task {body['Name']}: Lambda payload stored as {stored!r}, "
                            f"which does not decode once to {want!r}")
    return problems


def attachments(sent):
    """Policy ARN -> {"User"|"Group"|"Role": names} of the Attach*Policy calls."""
    attached = {}
    for kind in ("User", "Group", "Role"):
        for body, _ in sent[f"Attach{kind}Policy"]:
            names = attached.setdefault(body["PolicyArn"], {"User": set(), "Group": set(), "Role": set()})
            names[kind].add(body[f"{kind}Name"])
    return attached


def read_back_role(iam, body, sent, attached):
    """A created role, its managed policies and its inline policies."""
    name, problems = body["RoleName"], []
    role = iam.get_role(RoleName=name)["Role"]
    want = {"Path": body.get("Path", "/"), "Description": body.get("Description"),
            "MaxSessionDuration": body.get("MaxSessionDuration", 3600),
            "PermissionsBoundary": body.get("PermissionsBoundary"),
            "Tags": sorted((t["Key"], t["Value"]) for t in body.get("Tags", [])),
            "AssumeRolePolicyDocument": json.loads(body["AssumeRolePolicyDocument"])}
    got = {"Path": role.get("Path"), "Description": role.get("Description"),
           "MaxSessionDuration": role.get("MaxSessionDuration"),
           "PermissionsBoundary": role.get("PermissionsBoundary", {}).get("PermissionsBoundaryArn"),
           "Tags": sorted((t["Key"], t["Value"]) for t in role.get("Tags", [])),
           "AssumeRolePolicyDocument": role.get("AssumeRolePolicyDocument")}
    problems += [f"{k}: sent {want[k]!r}, got {got[k]!r}" for k in want if want[k] != got[k]]
    managed = {p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]}
    want_managed = {arn for arn, names in attached.items() if name in names["Role"]}
    if managed != want_managed:
        problems.append(f"managed policies {sorted(managed)}, sent {sorted(want_managed)}")
    inline = [b for b, _ in sent["PutRolePolicy"] if b["RoleName"] == name]
    if set(iam.list_role_policies(RoleName=name)["PolicyNames"]) != {b["PolicyName"] for b in inline}:
        problems.append("inline policies differ from those sent")
    for b in inline:
        doc = iam.get_role_policy(RoleName=name, PolicyName=b["PolicyName"])["PolicyDocument"]
        if doc != json.loads(b["PolicyDocument"]):
            problems.append(f"inline policy {b['PolicyName']}: sent {b['PolicyDocument']}, got {doc}")
    return [f"role {name}: {p}" for p in problems]


def read_back_policy(iam, arn, body, attached):
    """A created managed policy, its document and what it is attached to."""
    problems = []
    policy = iam.get_policy(PolicyArn=arn)["Policy"]
    for key, default in (("PolicyName", None), ("Path", "/"), ("Description", None)):
        if policy.get(key) != body.get(key, default):
            problems.append(f"{key}: sent {body.get(key, default)!r}, got {policy.get(key)!r}")
    version = iam.get_policy_version(PolicyArn=arn, VersionId=policy["DefaultVersionId"])
    if version["PolicyVersion"]["Document"] != json.loads(body["PolicyDocument"]):
        problems.append("document differs from the one sent")
    entities = iam.list_entities_for_policy(PolicyArn=arn)
    got = {k: {e[f"{k}Name"] for e in entities[f"Policy{k}s"]} for k in ("User", "Group", "Role")}
    want = attached.get(arn, {"User": set(), "Group": set(), "Role": set()})
    if got != want:
        problems.append(f"attached to {got}, sent {want}")
    return [f"policy {arn}: {p}" for p in problems]


def read_back_iam(iam, sent, bound):
    """Every role and managed policy the plan created."""
    attached = attachments(sent)
    problems = []
    for body, _ in sent["CreateRole"]:
        problems += read_back_role(iam, body, sent, attached)
    for body, binds in sent["CreatePolicy"]:
        arn = bound[next(iter(binds))] if binds else \
            f"arn:aws:iam::{ACCOUNT}:policy{body.get('Path', '/')}{body['PolicyName']}"
        problems += read_back_policy(iam, arn, body, attached)
    return problems


def apply_and_read_back(moto, out, steps):
    """Applies the plan with scripts/apply-plan, then reads it all back."""
    moto.reset()
    create_outside_identities(moto.client("iam"), steps)
    bound = run_apply_plan(moto, out)

    def fill(match):
        return bound[match.group(0)]

    sent = {op: [] for op in (
        "CreateMaintenanceWindow", "RegisterTargetWithMaintenanceWindow",
        "RegisterTaskWithMaintenanceWindow", "CreateRole", "AttachRolePolicy", "AttachUserPolicy",
        "AttachGroupPolicy", "PutRolePolicy", "CreatePolicy")}
    for step in steps:
        if step["operation"] not in sent:
            raise RuntimeError(f"{step['request']}: no read-back for {step['operation']}")
        sent[step["operation"]].append((substitute(step["body"], fill), step["binds"]))
    return (read_back_iam(moto.client("iam"), sent, bound)
            + read_back_ssm(moto.client("ssm"), sent, bound)
            + read_back_payloads(moto, sent))


# ───────────────────────────── driver ─────────────────────────────

def judge(mwc, program, models, moto, settings=True, env=None):
    """Builds one program (in the environment `env`, a values file) and has
    every judge look at its outputs. Without `settings` the build has no
    account: role ARNs come from the plan's CreateRole calls and `iam/`
    writes `*` for the account."""
    name = program.name if settings else f"{program.name} (no --set)"
    if env:
        name += f" @{env.stem}"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        result = build(mwc, program, out, settings, env)
        check(result.returncode == 0, name, "mwc build", result.stderr)
        if result.returncode != 0:
            return
        for template in sorted(out.glob("cloudformation*.json")) + sorted(out.glob("cloudformation/*.json")):
            ok, detail = cfn_lint(template)
            check(ok, name, f"cfn-lint {template.relative_to(out)}", detail)
        steps = load_steps(out) if (out / "ssm" / "plan.json").exists() else []
        for step in steps:
            ok, detail = validate(models, step)
            check(ok, name, f"botocore {step['service']} {step['request']}", detail)
        documents = [(doc.name, doc.read_text()) for doc in sorted((out / "iam").glob("*.json"))]
        for what, text in documents + list(embedded_documents(steps)):
            ok, detail = parliament_findings(text)
            check(ok, name, f"parliament {what}", detail)
        if steps:
            try:
                problems = apply_and_read_back(moto, out, steps)
            except Exception as e:  # report, do not crash the whole run
                problems = [f"{type(e).__name__}: {e}"]
            check(not problems, name, "plan applied to moto by scripts/apply-plan and read back",
                  "; ".join(problems))


def main():
    if len(sys.argv) < 3:
        print("usage: conformance.py MWC_BINARY DIR...", file=sys.stderr)
        sys.exit(2)
    mwc, dirs = sys.argv[1], [Path(d) for d in sys.argv[2:]]
    programs = [p for d in dirs for p in sorted(d.glob("*.mw"))]
    if not programs:
        print(f"no programs found in {', '.join(map(str, dirs))}")
        sys.exit(1)
    session = botocore.session.get_session()
    models = {s: session.get_service_model(s) for s in ("ssm", "iam")}
    with tempfile.TemporaryDirectory() as workdir:
        moto = Moto(workdir)
        try:
            for program in programs:
                for env in environments(program):
                    judge(mwc, program, models, moto, env=env)
                    # The default build of a program that does not name its
                    # account (one with trust conditions needs it: MW0501).
                    if not sets_account(program) and "trust_conditions" not in program.read_text():
                        judge(mwc, program, models, moto, settings=False, env=env)
        finally:
            moto.stop()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
