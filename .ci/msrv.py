#!/usr/bin/env python3
"""Checks mwc's `rust-version` (its minimum supported Rust version).

No other toolchain can be installed here, so the minimum is not found by
building with old compilers: it is computed from what sets a floor, and
Cargo.toml's `rust-version` must be at least each of them (see
docs/decisions/msrv.md):

- every package of the resolved graph (Cargo.lock) that mwc's library and
  binary build with the default features: normal and build dependencies,
  transitively, for every platform;
- the packages the tests and benchmarks add (dev-dependencies and theirs),
  reported apart, held to the same minimum: `cargo test` is part of what the
  minimum promises;
- the language: edition 2024 (Rust 1.85) and let chains (`if let ... &&`,
  stable with edition 2024 since Rust 1.88), found in the sources.

What this cannot see, the standard library APIs the code calls, clippy's
`incompatible_msrv` lint checks against the same `rust-version`.

Usage: python3 .ci/msrv.py   (from anywhere in the repository; Python 3
standard library only). Exit status 0 when `rust-version` covers every floor,
1 when it is missing or too low.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Language features that need a newer compiler than their edition's first.
EDITION_FLOOR = {"2015": "1.0", "2018": "1.31", "2021": "1.56", "2024": "1.85"}
LET_CHAINS = "1.88"

CONDITION_START = re.compile(r"^\s*(?:\}\s*else\s+)?(?:if|while)\b")
LET = re.compile(r"\blet\b")


def version(text):
    """`1.71.1` as a tuple that compares numerically, `1.88` as (1, 88, 0)."""
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def show(v):
    return ".".join(str(p) for p in v[:2]) if v[2] == 0 else ".".join(map(str, v))


def metadata():
    command = [
        "cargo",
        "metadata",
        "--locked",
        "--format-version",
        "1",
        "--manifest-path",
        str(ROOT / "Cargo.toml"),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"msrv: `{' '.join(command)}` failed:\n{result.stderr}")
    return json.loads(result.stdout)


def reachable(nodes, starts, kinds):
    """The packages reachable from `starts` through edges of `kinds`."""
    seen = set()
    stack = list(starts)
    while stack:
        pkg = stack.pop()
        if pkg in seen:
            continue
        seen.add(pkg)
        for dep in nodes[pkg]["deps"]:
            if any(k["kind"] in kinds for k in dep["dep_kinds"]):
                stack.append(dep["pkg"])
    return seen


def highest(ids, packages):
    """The highest rust-version among `ids`, and the packages that set it."""
    best, setters = (0, 0, 0), []
    for pkg in ids:
        declared = packages[pkg].get("rust_version")
        if not declared:
            continue
        v = version(declared)
        if v > best:
            best, setters = v, []
        if v == best:
            setters.append(f"{packages[pkg]['name']} {packages[pkg]['version']}")
    return best, sorted(setters)


def let_chains(dirs):
    """The first `if`/`while` condition holding both `let` and `&&`, as
    `path:line`, or None. A heuristic: a condition runs from `if` or `while`
    to the line that ends with `{`, as rustfmt lays it out."""
    for d in dirs:
        for path in sorted((ROOT / d).rglob("*.rs")):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            for i, line in enumerate(lines):
                if not CONDITION_START.match(line):
                    continue
                condition = []
                for following in lines[i : i + 20]:
                    condition.append(following.split("//")[0])
                    if following.rstrip().endswith("{"):
                        break
                text = " ".join(condition)
                if LET.search(text) and "&&" in text:
                    return f"{path.relative_to(ROOT)}:{i + 1}"
    return None


def main():
    meta = metadata()
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    me = packages[root]

    # What `cargo build` and `cargo install` compile: normal and build
    # dependencies. Then what the tests and benchmarks add.
    build = reachable(nodes, [root], {None, "build"}) - {root}
    dev_starts = [
        d["pkg"]
        for d in nodes[root]["deps"]
        if any(k["kind"] == "dev" for k in d["dep_kinds"])
    ]
    dev = reachable(nodes, dev_starts, {None, "build"}) - build - {root}

    floors = []  # (version, what sets it)
    build_v, build_by = highest(build, packages)
    print(
        f"dependencies of {me['name']} (features {', '.join(sorted(nodes[root]['features'])) or 'none'}; "
        f"normal and build, every platform): {len(build)} packages, the highest rust-version "
        f"{show(build_v)}, set by {', '.join(build_by)}"
    )
    floors.append((build_v, ", ".join(build_by)))
    dev_v, dev_by = highest(dev, packages)
    if dev:
        print(
            f"added by the tests and benchmarks (dev-dependencies): {len(dev)} packages, "
            f"the highest rust-version {show(dev_v)}, set by {', '.join(dev_by)}"
        )
        floors.append((dev_v, ", ".join(dev_by) + " (dev)"))

    edition = me["edition"]
    language = [(version(EDITION_FLOOR[edition]), f"edition {edition}")]
    where = let_chains(["src", "tests", "benches"])
    if where:
        language.append((version(LET_CHAINS), f"let chains ({where})"))
    print(
        "language: "
        + "; ".join(f"{what} needs Rust {show(v)}" for v, what in language)
    )
    floors.extend(language)

    floor = max(v for v, _ in floors)
    setters = [what for v, what in floors if v == floor]
    print(f"minimum Rust version: {show(floor)}, set by {'; '.join(setters)}")

    declared = me.get("rust_version")
    if not declared:
        print(f"error: Cargo.toml has no rust-version; it should be {show(floor)}")
        return 1
    if version(declared) < floor:
        print(
            f"error: Cargo.toml says rust-version = \"{declared}\", below {show(floor)} "
            f"({'; '.join(setters)}); raise it"
        )
        return 1
    if version(declared) > floor:
        print(
            f"Cargo.toml says rust-version = \"{declared}\", above the computed {show(floor)}: "
            "fine if the code needs it (clippy's incompatible_msrv checks the APIs against it)"
        )
    else:
        print(f"Cargo.toml says rust-version = \"{declared}\": ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
