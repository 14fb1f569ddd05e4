// The projection panel in a real browser: on every preset the month-by-month
// table and the milestones are the command line's `projection` and
// `milestones`, each milestone marked in its own month's row; the chart
// draws and follows a slider; the Export menu offers the projection chart
// as PNG and SVG and its table as CSV; the page with both planning panels
// fits 390 px without horizontal scroll; axe-core finds nothing serious in
// them; and nothing logs an error.
//
// Expected numbers are never written here: each expected scenario is the
// preset's JSON (`burnrate presets ID`) with the same edit the page makes,
// evaluated by `burnrate eval --json`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  canvasPixels,
  downloadFile,
  evalScenario,
  injectAxe,
  seriousViolations,
  loadPreset as harnessLoadPreset,
  openPlanner,
  parseDataValue,
  PRESET_IDS,
  setRange,
} from './harness.mjs';

const PRESETS = PRESET_IDS;
/** The table's number columns, by `data-col`: the report's field names. */
const COLUMNS = ['users', 'monthly_cost', 'revenue_monthly', 'cumulative_cash', 'peak_limit_utilisation'];
/** Each milestone: its `data-testid`, its report field and its key in the table's `data-marks`. */
const MILESTONES = [
  ['break-even-month', 'break_even_month', 'break_even'],
  ['payback-month', 'payback_month', 'payback'],
  ['limit-month', 'limit_month', 'limit'],
  ['budget-month', 'budget_month', 'budget'],
];
const CHART_SIZE = [960, 540];
const PNG_SCALE = 2;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CSV_HEADER =
  'month,users,new_users,monthly_cost,revenue_monthly,cumulative_cash,peak_limit_utilisation,over_budget,milestones';

let app;
let page;
let errors;
const otherErrors = [];

before(async () => {
  ({ app, page, errors } = await openPlanner());
});

after(async () => {
  await app?.close();
});

const sel = (testid) => page.locator(`[data-testid="${testid}"]`);
const clone = (x) => structuredClone(x);
const frames = (p) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Loads preset `id` through the picker; resolves to its scenario JSON. */
const loadPreset = (id) => harnessLoadPreset(page, id, '.panel.projection');

/** The table and the milestones as the page shows them, in one round trip. */
async function shown() {
  const raw = await page.evaluate(
    ({ columns, milestones }) => {
      const table = document.querySelectorAll('[data-testid="projection-table"]');
      if (table.length !== 1) return { error: `${table.length} projection tables` };
      const rows = [...table[0].querySelectorAll('tbody tr')].map((tr) => ({
        month: tr.querySelector('th')?.getAttribute('data-value'),
        cells: columns.map((c) => tr.querySelector(`td[data-col="${c}"]`)?.getAttribute('data-value')),
        marks: tr.querySelector('td[data-col="milestones"]')?.getAttribute('data-marks'),
        over: tr.classList.contains('over-budget'),
      }));
      const marked = Object.fromEntries(
        milestones.map(([id]) => {
          const els = document.querySelectorAll(`[data-testid="${id}"]`);
          return [id, els.length === 1 ? els[0].getAttribute('data-value') : `count ${els.length}`];
        }),
      );
      return { rows, marked };
    },
    { columns: COLUMNS, milestones: MILESTONES },
  );
  if (raw.error) return raw;
  return {
    rows: raw.rows.map((r, i) => ({
      month: parseDataValue(r.month, `row ${i} month`),
      cells: r.cells.map((v, j) => parseDataValue(v, `row ${i} ${COLUMNS[j]}`)),
      marks: (r.marks ?? '').split(' ').filter(Boolean).sort(),
      over: r.over,
    })),
    marked: Object.fromEntries(
      Object.entries(raw.marked).map(([id, v]) => [id, v.startsWith('count') ? v : parseDataValue(v, id)]),
    ),
  };
}

/** What the panel should show for `report`. */
function expected(report) {
  return {
    rows: report.projection.map((m) => ({
      month: m.month,
      cells: COLUMNS.map((c) => m[c]),
      marks: MILESTONES.filter(([, field]) => report.milestones[field] === m.month)
        .map(([, , key]) => key)
        .sort(),
      over: m.over_budget,
    })),
    marked: Object.fromEntries(MILESTONES.map(([id, field]) => [id, report.milestones[field]])),
  };
}

/** Waits until the panel shows what `scenario` evaluates to; asserts it. */
async function assertProjection(scenario, what) {
  const report = await evalScenario(scenario);
  const want = expected(report);
  const deadline = Date.now() + 3000;
  let got = await shown();
  while (JSON.stringify(got) !== JSON.stringify(want) && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 50));
    got = await shown();
  }
  assert.deepEqual(got, want, `${what}: the projection disagrees with \`burnrate eval --json\``);
  return report;
}

test('every preset: the table and milestones are the command line projection', async () => {
  const seen = new Set();
  for (const id of [...PRESETS.slice(1), PRESETS[0]]) {
    const scenario = await loadPreset(id);
    const report = await assertProjection(scenario, `preset ${id}`);
    assert.equal(report.projection.length, (scenario.horizon_months ?? 12) + 1, id);
    for (const [, field] of MILESTONES) if (report.milestones[field] !== null) seen.add(field);
  }
  // The presets between them mark at least two kinds of milestone.
  assert.ok(seen.size >= 2, `milestones seen: ${[...seen]}`);
});

test('a cap crossed mid-horizon and a slider move change the table and milestones', async () => {
  const scenario = await loadPreset('coaching-chat');
  const base = await evalScenario(scenario);
  const edited = clone(scenario);
  // A cap between this month's cost and the last month's: crossed within the horizon.
  const first = base.projection[0].monthly_cost;
  const last = base.projection.at(-1).monthly_cost;
  assert.ok(last > first, 'the preset grows');
  edited.budget = { ...(edited.budget ?? {}), monthly_cap: (first + last) / 2 };
  delete edited.budget.daily_alert;
  await page.locator('#budget-daily_alert').fill('');
  await page.locator('#budget-daily_alert').press('Enter');
  await page.locator('#budget-monthly_cap').fill(String(edited.budget.monthly_cap));
  await page.locator('#budget-monthly_cap').press('Enter');
  const report = await assertProjection(edited, 'a cap crossed mid-horizon');
  assert.ok(report.milestones.budget_month > 0, `budget month ${report.milestones.budget_month}`);

  // The users slider moves month 0 and every month after it.
  edited.users = 1000;
  await setRange(page, 'users-slider', 3);
  await assertProjection(edited, 'users 1,000');
});

test('the chart draws, and redraws after an edit', async () => {
  await loadPreset('real-estate-crm');
  const chart = sel('projection-chart');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.match(await chart.getAttribute('aria-label'), /^Projection over \d+ months/);
  await frames(page);
  const before = await canvasPixels(page, 'projection-chart');
  assert.ok(before.width > 0 && before.drawn > 1000, `drawn: ${JSON.stringify(before)}`);
  await setRange(page, 'users-slider', 4.5);
  await page.waitForFunction(
    (h) => {
      const c = document.querySelector('[data-testid="projection-chart"]');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let x = 0x811c9dc5;
      for (let i = 0; i < d.length; i += 4) x = Math.imul(x ^ d[i] ^ (d[i + 1] << 8) ^ (d[i + 2] << 16) ^ (d[i + 3] << 24), 16777619);
      return x >>> 0 !== h;
    },
    before.hash,
    { timeout: 5000 },
  );
});

test('the Export menu offers the projection chart as PNG and SVG and its table as CSV', async () => {
  const scenario = await loadPreset('inbox-classifier');
  const report = await evalScenario(scenario);
  const name = scenario.name;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  await page.evaluate(() => window.scrollTo(0, 0));

  const png = await downloadFile(page, 'export-projection-png');
  assert.equal(png.name, `burnrate-${slug}-projection.png`);
  assert.deepEqual([...png.bytes.subarray(0, 8)], PNG_SIGNATURE);
  assert.equal(png.bytes.readUInt32BE(16), CHART_SIZE[0] * PNG_SCALE);
  assert.equal(png.bytes.readUInt32BE(20), CHART_SIZE[1] * PNG_SCALE);
  assert.ok(png.bytes.length > 20000, `${png.bytes.length} bytes is too small for a chart`);

  const svg = await downloadFile(page, 'export-projection-svg');
  assert.equal(svg.name, `burnrate-${slug}-projection.svg`);
  const text = svg.bytes.toString('utf8');
  assert.ok(text.includes(`Projection — ${name} — `), 'the header names the chart and scenario');
  for (const label of ['Month', 'Users', 'Cumulative cash']) assert.ok(text.includes(label), label);
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length };
  }, text);
  assert.deepEqual(parsed, { root: 'svg', errors: 0 });

  const csv = await downloadFile(page, 'export-projection-csv');
  assert.equal(csv.name, `burnrate-${slug}-projection.csv`);
  const lines = csv.bytes.toString('utf8').split('\r\n');
  assert.equal(lines.pop(), '', 'CRLF after the last record');
  assert.equal(lines[0], CSV_HEADER);
  assert.equal(lines.length, report.projection.length + 1);
  lines.slice(1).forEach((line, i) => {
    const f = line.split(',');
    const m = report.projection[i];
    assert.deepEqual(
      f.slice(0, 7).map(Number),
      [m.month, m.users, m.new_users, m.monthly_cost, m.revenue_monthly, m.cumulative_cash, m.peak_limit_utilisation],
      `month ${i}`,
    );
    assert.equal(f[7], String(m.over_budget));
    const keys = MILESTONES.filter(([, field]) => report.milestones[field] === m.month).map(([, , key]) => key);
    assert.equal(f[8], keys.join(' '), `month ${i} milestones`);
  });
});

test('at 390×844 the page with both planning panels has no horizontal scroll', async () => {
  const phone = await app.open('', { viewport: { width: 390, height: 844 } });
  try {
    await phone.page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
    // An alert and a runway date: the longest the budget panel gets.
    await phone.page.locator('#budget-monthly_cap').fill('1');
    await phone.page.locator('#budget-monthly_cap').press('Enter');
    await phone.page.locator('#budget-credit_balance').fill('1000');
    await phone.page.locator('#budget-credit_balance').press('Enter');
    await phone.page.locator('[data-testid="budget-alert"]').waitFor();
    for (const panel of ['.panel.budget', '.panel.projection']) {
      await phone.page.locator(panel).scrollIntoViewIfNeeded();
      await frames(phone.page);
      const box = await phone.page.locator(panel).boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 390, `${panel}: ${JSON.stringify(box)}`);
    }
    const { scrollWidth, offenders } = await phone.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      offenders: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        // Wide tables scroll sideways in their own region, by design.
        .filter((el) => !el.closest('.projection-table-wrap, .models-table-wrap'))
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`),
    }));
    assert.ok(scrollWidth <= 390, `document scrollWidth ${scrollWidth} > 390; past the edge: ${offenders.join(', ')}`);
    assert.deepEqual(offenders, []);
    const chart = await phone.page.locator('[data-testid="projection-chart"]').boundingBox();
    assert.ok(chart.x >= 0 && chart.x + chart.width <= 390, `projection chart: ${JSON.stringify(chart)}`);
  } finally {
    otherErrors.push(...phone.errors.map((e) => `(390 px page) ${e}`));
    await phone.page.close();
  }
});

test('axe: no serious or critical violation in the budget and projection panels', async () => {
  await loadPreset('coaching-chat');
  // The alert and a field message showing, too.
  await page.locator('#budget-monthly_cap').fill('1');
  await page.locator('#budget-monthly_cap').press('Enter');
  await page.locator('#budget-daily_alert').fill('nope');
  await page.locator('#budget-daily_alert').press('Enter');
  await sel('budget-alert').waitFor();
  await page.locator('#budget-daily_alert-message').waitFor();
  await injectAxe(page);
  const violations = await seriousViolations(page, { include: [['.panel.budget'], ['.panel.projection']] });
  assert.deepEqual(violations, []);
});

test('no console errors or page errors', () => {
  assert.deepEqual([...errors, ...otherErrors], []);
});
