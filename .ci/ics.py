#!/usr/bin/env python3
"""Judge `mwc schedule --format ics` with Python's `icalendar` package and,
when a Node.js script is given, with Mozilla's ical.js (the parser of
Thunderbird's calendar).

Usage: ics.py MWC OUT_DIR [NODE_SCRIPT] DIR...

For every program in DIR (its first `// mwc-values:` environment), over a
fixed range that holds daylight-saving changes, with a pinned clock:

- the calendar parses; every line ends with CRLF and is at most 75 octets;
- one VEVENT per opening of `mwc schedule --format json` for the same range;
- each DTSTART and DTEND, read through the calendar's own VTIMEZONE (not the
  parser's time-zone database), is the JSON's instant in UTC;
- every TZID used has a VTIMEZONE; UIDs are unique, and the same in a run
  with another clock (only DTSTAMP may change);
- ical.js, given the file, finds the same events at the same instants.

The calendars are written to OUT_DIR (for ical.js, and to look at).
"""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import icalendar

NOW = "2026-11-23T00:00:00Z"
OTHER_NOW = "2027-02-01T00:00:00Z"
FROM = "2026-11-23"
UNTIL = "2027-11-30"  # the end of that day: March and November 2027 changes in range


def environments(program):
    envs = []
    for line in program.read_text(encoding="utf-8").split("\n"):
        line = line.strip()
        if not line.startswith("//"):
            break
        if line.startswith("// mwc-values:"):
            envs.append(program.parent / line[len("// mwc-values:"):].strip())
    return envs[:1]


def schedule(mwc, program, fmt, now):
    values = [a for env in environments(program) for a in ("--values", str(env))]
    result = subprocess.run(
        [mwc, "schedule", str(program), *values, "--from", FROM, "--until", UNTIL,
         "--now", now, "--format", fmt, "-q", "--color", "never"],
        capture_output=True)
    if result.returncode != 0:
        raise SystemExit(f"{program}: mwc schedule --format {fmt} exited "
                         f"{result.returncode}:\n{result.stderr.decode()}")
    return result.stdout


def utc(text):
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.timezone.utc)


def instant(prop, zones):
    """A DATE-TIME property as a UTC instant, its TZID read through the
    calendar's own VTIMEZONE."""
    value = prop.dt
    tzid = prop.params.get("TZID")
    if tzid is None:
        assert value.tzinfo is not None, f"a floating time: {prop.to_ical()!r}"
        return value.astimezone(dt.timezone.utc)
    assert tzid in zones, f"no VTIMEZONE for TZID {tzid}"
    local = value.replace(tzinfo=None).replace(tzinfo=zones[tzid])
    return local.astimezone(dt.timezone.utc)


def check(mwc, program, out_dir):
    raw = schedule(mwc, program, "ics", NOW)
    again = schedule(mwc, program, "ics", OTHER_NOW)
    expected = json.loads(schedule(mwc, program, "json", NOW))
    name = f"{program.parent.name}__{program.stem}.ics"
    (out_dir / name).write_bytes(raw)
    (out_dir / (name[:-4] + ".json")).write_text(json.dumps(expected))

    assert raw.endswith(b"\r\n"), "the file does not end with CRLF"
    for line in raw.split(b"\r\n")[:-1]:
        assert b"\n" not in line and b"\r" not in line, f"a bare line break: {line!r}"
        assert len(line) <= 75, f"a line of {len(line)} octets: {line!r}"

    calendar = icalendar.Calendar.from_ical(raw)
    # lookup_tzid=False: the zone made from the VTIMEZONE itself, not the
    # parser's database entry of that name.
    zones = {str(z["TZID"]): z.to_tz(lookup_tzid=False) for z in calendar.walk("VTIMEZONE")}
    events = calendar.walk("VEVENT")
    assert len(events) == len(expected), \
        f"{len(events)} events for {len(expected)} openings"
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids), "UIDs repeat"
    for event, opening in zip(events, expected):
        start = instant(event["DTSTART"], zones)
        end = instant(event["DTEND"], zones)
        assert start == utc(opening["start_utc"]), \
            f"{event['UID']}: DTSTART is {start}, the opening {opening['start_utc']}"
        assert end == utc(opening["end"]), \
            f"{event['UID']}: DTEND is {end}, the opening closes {opening['end']}"
        assert str(event["SUMMARY"]).startswith(opening["window"])
        assert "DTSTAMP" in event
    used = {str(e["DTSTART"].params["TZID"]) for e in events if "TZID" in e["DTSTART"].params}
    assert used <= set(zones), f"TZIDs without a VTIMEZONE: {used - set(zones)}"
    other = [str(e["UID"]) for e in icalendar.Calendar.from_ical(again).walk("VEVENT")]
    assert other == uids, "the UIDs change with the clock"
    return len(events), len(zones), name


def main():
    mwc, out_dir, *rest = sys.argv[1:]
    node_script = None
    if rest and rest[0].endswith((".js", ".mjs")):
        node_script, *rest = rest
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*"):
        old.unlink()
    programs = sorted(p for d in rest for p in Path(d).glob("*.mw"))
    failures, names, events, zones = 0, [], 0, 0
    for program in programs:
        try:
            n, z, name = check(mwc, program, out_dir)
        except (AssertionError, SystemExit, ValueError) as e:
            failures += 1
            print(f"FAIL {program}: {e}", file=sys.stderr)
            continue
        events += n
        zones += z
        names.append(name)
    print(f"icalendar {icalendar.__version__}: {len(names)} calendars, {events} events, "
          f"{zones} VTIMEZONEs: every event at the JSON's instant, UIDs unique and stable")
    if node_script:
        result = subprocess.run(["node", node_script, str(out_dir), *names])
        if result.returncode != 0:
            failures += 1
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
