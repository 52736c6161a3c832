// Reads the calendars .ci/ics.py wrote (DIR/NAME.ics, with the openings of
// `mwc schedule --format json` beside each as DIR/NAME.json) with ical.js,
// the parser of Thunderbird's calendar: each parses, its VTIMEZONEs are
// registered (ical.js has no time-zone database of its own: the calendar's
// VTIMEZONE is the only source of offsets), every event is expanded, and
// each start and end, in UTC, is the JSON's instant.
//
// Usage: node check.mjs DIR NAME.ics...
import ICAL from "ical.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [dir, ...names] = process.argv.slice(2);
let failures = 0;
let events = 0;
const fail = (name, message) => {
  failures += 1;
  console.error(`FAIL ${name}: ${message}`);
};
const seconds = (text) => Date.parse(text) / 1000;

for (const name of names) {
  const text = readFileSync(join(dir, name), "utf8");
  const openings = JSON.parse(readFileSync(join(dir, name.replace(/\.ics$/, ".json")), "utf8"));
  let calendar;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    fail(name, `does not parse: ${e}`);
    continue;
  }
  ICAL.TimezoneService.reset();
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const vevents = calendar.getAllSubcomponents("vevent");
  if (vevents.length !== openings.length) {
    fail(name, `${vevents.length} events for ${openings.length} openings`);
    continue;
  }
  vevents.forEach((vevent, i) => {
    const event = new ICAL.Event(vevent);
    const opening = openings[i];
    const tzid = vevent.getFirstProperty("dtstart").getParameter("tzid");
    if (tzid && event.startDate.zone.tzid !== tzid) {
      fail(name, `${event.uid}: TZID ${tzid} not resolved (zone ${event.startDate.zone.tzid})`);
    }
    const expanded = event.iterator();
    const first = expanded.next();
    if (!first || expanded.next()) {
      fail(name, `${event.uid}: does not expand to one occurrence`);
      return;
    }
    const details = event.getOccurrenceDetails(first);
    const start = details.startDate.toUnixTime();
    const end = details.endDate.toUnixTime();
    if (start !== seconds(opening.start_utc)) {
      fail(name, `${event.uid}: starts at ${new Date(start * 1000).toISOString()}, the opening at ${opening.start_utc}`);
    }
    if (end !== seconds(opening.end)) {
      fail(name, `${event.uid}: ends at ${new Date(end * 1000).toISOString()}, the opening closes at ${opening.end}`);
    }
    events += 1;
  });
}
console.log(`ical.js: ${names.length} calendars, ${events} events expanded at the JSON's instants`);
process.exit(failures ? 1 : 0);
