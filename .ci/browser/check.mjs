// The HTML timeline of `mwc schedule --format html`, opened in a real
// browser: Debian's Chromium, driven by playwright-core (which never
// downloads a browser of its own).
//
// For each run below, mwc writes the page and the JSON report of the same
// arguments; the page is opened from a file:// URL with every other request
// aborted, and the check fails unless:
//   - no request other than the page itself was attempted, and no console
//     error (a Content-Security-Policy violation is one) or page error
//     happened;
//   - an <svg> is drawn, with a non-zero size;
//   - there is exactly one bar (`g.opening`) per opening of the JSON report
//     that starts within the drawn days, at the same instants, and the page
//     counts the others as left out;
//   - every bar is drawn (non-zero size) and has hover text (its <title>)
//     with the opening's times and the cutoff.
// The first run's page is saved as target/browser/schedule-timeline.png
// (CI leaves the tree as it was); SCREENSHOT=PATH saves it there instead:
// `SCREENSHOT=docs/images/schedule-timeline.png` renews the docs' picture.
//
// Usage: node check.mjs [MWC] (default: target/debug/mwc). CHROMIUM
// overrides /usr/bin/chromium.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mwc = path.resolve(root, process.argv[2] ?? 'target/debug/mwc');
const out = path.join(root, 'target/browser');
const screenshot = path.resolve(
  root,
  process.env.SCREENSHOT ?? 'target/browser/schedule-timeline.png',
);
mkdirSync(out, { recursive: true });

// A pinned clock: the pages and the screenshot do not depend on the day.
const NOW = '2027-03-08T00:00:00Z';
const pinned = ['--now', NOW, '--from', NOW];
const examples = [
  'examples/nightly-web-patching.mw',
  'examples/app-server-patching.mw',
  'examples/mixed-task-types.mw',
  'examples/patch-tuesday.mw',
  'examples/resource-groups-and-instances.mw',
];
const runs = [
  // The examples' calendar on one page (the one in the docs): a
  // daylight-saving change of the display zone (14 March) and of the
  // European windows' zones (28 March), and two windows open at once.
  {
    name: 'examples',
    args: ['--each', ...examples, '--next', '1', '--display-zone', 'America/New_York'],
  },
  {
    name: 'multi-az-patching',
    args: ['examples/multi-az-patching.mw', '--values', 'examples/envs/prod.mwvalues', '--next', '6'],
  },
  // Past the 62-day limit: some openings are left out, and said so.
  { name: 'examples-long', args: ['--each', ...examples, '--next', '8'] },
  { name: 'examples-weeks', args: ['--each', ...examples, '--next', '2', '--display-zone', 'Europe/Berlin'] },
  ...examples.map((file) => ({
    name: path.basename(file, '.mw'),
    args: [file, '--next', '5', '--display-zone', 'Europe/London'],
  })),
];

const schedule = (args, format) =>
  execFileSync(mwc, ['schedule', ...args, ...pinned, '--format', format, '--quiet'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });

/** Every opening's start of a JSON report (one program's list, or `--each`'s). */
function starts(report) {
  const windows = report.flatMap((item) => ('windows' in item ? item.windows : [item]));
  return windows.flatMap((w) => w.next.map((o) => new Date(o.start).toISOString().replace('.000Z', 'Z')));
}

const failures = [];
const fail = (run, message) => failures.push(`${run}: ${message}`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
try {
  for (const [i, run] of runs.entries()) {
    const file = path.join(out, `${run.name}.html`);
    writeFileSync(file, schedule(run.args, 'html'));
    const expected = starts(JSON.parse(schedule(run.args, 'json')));
    const url = pathToFileURL(file).href;

    const context = await browser.newContext({ viewport: { width: 1400, height: 300 }, offline: true });
    const page = await context.newPage();
    const attempted = [];
    const errors = [];
    await context.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      attempted.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    page.on('request', (request) => {
      if (request.url() !== url && !attempted.includes(request.url())) attempted.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.goto(url, { waitUntil: 'load' });

    const svg = page.locator('svg');
    const box = (await svg.count()) === 1 ? await svg.boundingBox() : null;
    if (!box || box.width <= 0 || box.height <= 0) fail(run.name, `no drawn svg (${JSON.stringify(box)})`);
    const end = (await svg.getAttribute('data-end')) ?? '';
    const leftOut = Number(await svg.getAttribute('data-left-out'));
    const inRange = expected.filter((s) => s < end);
    const bars = await page.$$eval('svg g.opening', (gs) =>
      gs.map((g) => {
        const r = g.getBoundingClientRect();
        return {
          start: g.getAttribute('data-start'),
          title: g.querySelector(':scope > title')?.textContent ?? '',
          width: r.width,
          height: r.height,
        };
      }),
    );
    if (bars.length !== inRange.length) fail(run.name, `${bars.length} bars for ${inRange.length} openings in range`);
    if (bars.length + leftOut !== expected.length) {
      fail(run.name, `${bars.length} bars and ${leftOut} left out for ${expected.length} openings`);
    }
    const drawn = bars.map((b) => b.start).sort();
    if (JSON.stringify(drawn) !== JSON.stringify([...inRange].sort())) fail(run.name, 'the bars are not the openings');
    for (const b of bars) {
      if (!(b.width > 0 && b.height > 0)) fail(run.name, `bar ${b.start} is not drawn`);
      if (!/opens .* UTC/.test(b.title) || !/stops starting tasks/.test(b.title) || !/cutoff/.test(b.title)) {
        fail(run.name, `bar ${b.start} has no hover text with its times`);
      }
    }
    if (leftOut > 0 && (await page.locator('.note').count()) === 0) fail(run.name, 'openings left out without a note');
    if (attempted.length) fail(run.name, `network requests attempted: ${attempted.join(', ')}`);
    for (const e of errors) fail(run.name, e);
    if (i === 0) {
      mkdirSync(path.dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    console.log(
      `${run.name}: ${bars.length} bars = ${inRange.length} openings in range` +
        ` (${expected.length} in the report, ${leftOut} left out), ${attempted.length} requests, ${errors.length} errors`,
    );
    await context.close();
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`the timeline renders in ${await chromiumVersion()}; screenshot: ${path.relative(root, screenshot)}`);

async function chromiumVersion() {
  return execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
}
