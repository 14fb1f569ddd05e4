// The model comparison panel ("What if we switch models") in a real
// browser: on every preset its rows, in order, and their figures equal
// `burnrate compare FILE --json`, unfiltered and with a provider, a minimum
// context window and a search; "Use" makes a model the default and the key
// figures become `burnrate eval --json` of the switched scenario, and the
// panel's Undo brings the previous figures back; the CSV download is the
// table, the PNG and SVG are the chart; a scenario with no step on
// "default" and filters that match nothing say so; far off screen the panel
// holds while a slider moves; it fits 390 px and axe finds nothing serious.
//
// Expected numbers are never written here: every scenario is a preset's
// JSON (`burnrate presets ID`), edited as the page edits it, and every
// figure comes from the command line.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  cli,
  evalScenario,
  fragmentOf,
  injectAxe,
  seriousViolations,
  sidewaysScroll,
  loadPreset,
  logScaleValue,
  openPlanner,
  parseDataValue,
  PRESET_IDS,
  setRange,
  tempFile,
  USERS_SCALE,
  waitForFigures,
} from './harness.mjs';

const PANEL = '[data-testid="model-comparison"]';
const CSV_HEADER = 'model,provider,context_tokens,monthly_cost,cost_per_action,saving,is_current';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The filters each preset is also compared under: the page's inputs and the command line's flags. */
const FILTERS = [
  { provider: 'openai', minContext: 128000, search: 'gpt' },
  { provider: 'anthropic', minContext: 200000, search: 'SONNET' },
  { provider: '', minContext: 1000000, search: 'flash' },
];

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

const sel = (p, testid) => p.locator(`${PANEL} [data-testid="${testid}"]`);
const frames = (p) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** `burnrate compare FILE --json [flags]` for `scenario` (an object). */
async function compare(scenario, filter = {}) {
  const file = await tempFile('scenario.json', JSON.stringify(scenario, null, 2));
  const args = ['compare', file.path, '--json'];
  if (filter.provider) args.push('--provider', filter.provider);
  if (filter.minContext) args.push('--min-context', String(filter.minContext));
  if (filter.search) args.push('--search', filter.search);
  try {
    return await cli(args);
  } finally {
    await file.remove();
  }
}

/** The rows the command line's options must show as, in order. */
const expectedRows = (options) =>
  options.map((o) => ({
    model: o.model,
    provider: o.provider,
    current: o.is_current,
    monthly_cost: o.monthly_cost,
    cost_per_action: o.cost_per_action,
    saving: o.saving,
  }));

/** Every row of the panel's table, in one round trip. */
async function panelRows(p) {
  const raw = await p.evaluate((panel) => {
    const value = (tr, id) => tr.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') ?? null;
    return [...document.querySelectorAll(`${panel} [data-testid="comparison-row"]`)].map((tr) => ({
      model: tr.getAttribute('data-model'),
      provider: tr.querySelector('.model-provider')?.textContent ?? null,
      current: tr.getAttribute('aria-current') === 'true',
      monthly_cost: value(tr, 'comparison-monthly-cost'),
      cost_per_action: value(tr, 'comparison-cost-per-action'),
      saving: value(tr, 'comparison-saving'),
      use: tr.querySelectorAll('[data-testid="use-model"]').length,
    }));
  }, PANEL);
  return raw.map((r, i) => {
    // Every row but today's offers "Use"; today's does not.
    assert.equal(r.use, r.current ? 0 : 1, `row ${i} (${r.model}): ${r.use} "Use" buttons`);
    return {
      model: r.model,
      provider: r.provider,
      current: r.current,
      monthly_cost: parseDataValue(r.monthly_cost, `row ${i} monthly cost`),
      cost_per_action: parseDataValue(r.cost_per_action, `row ${i} cost per action`),
      saving: parseDataValue(r.saving, `row ${i} saving`),
    };
  });
}

/** Shows every row (the table starts with the cheapest and today's). */
async function showAll(p) {
  const button = sel(p, 'comparison-show-all');
  if ((await button.count()) && (await button.getAttribute('aria-pressed')) !== 'true') await button.click();
}

/** Waits (up to `timeout` ms) for the table to read `options`; asserts it does. */
async function assertRows(p, options, what, { timeout = 3000 } = {}) {
  const want = expectedRows(options);
  const deadline = Date.now() + timeout;
  let got;
  for (;;) {
    await showAll(p);
    try {
      got = await panelRows(p);
    } catch (err) {
      got = String(err);
    }
    if (JSON.stringify(got) === JSON.stringify(want) || Date.now() > deadline) break;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.deepEqual(got, want, `${what}: the panel disagrees with \`burnrate compare --json\``);
}

/** Sets the panel's three filters as `filter` says (empty: no filter). */
async function setFilters(p, { provider = '', minContext = 0, search = '' } = {}) {
  await sel(p, 'comparison-provider').selectOption(provider);
  const option = sel(p, 'comparison-min-context').locator(`option[data-tokens="${minContext}"]`);
  assert.equal(await option.count(), 1, `a minimum context of ${minContext} tokens is offered`);
  await sel(p, 'comparison-min-context').selectOption(await option.getAttribute('value'));
  await sel(p, 'comparison-search').fill(search);
}

/** Opens `scenario` as a pasted link (the page replaces its scenario, with Undo). */
async function openScenario(p, scenario) {
  await p.evaluate((hash) => {
    location.hash = hash;
  }, fragmentOf(JSON.stringify(scenario)));
  await p.locator('.scenario-name', { hasText: scenario.name }).waitFor({ timeout: 5000 });
}

test('every preset: the table is `burnrate compare --json`, unfiltered and filtered', async () => {
  for (const id of [...PRESET_IDS.slice(1), PRESET_IDS[0]]) {
    const scenario = await loadPreset(page, id, PANEL);
    await setFilters(page, {});
    const all = await compare(scenario);
    assert.ok(all.length > 0, `${id}: the command line compares models`);
    await assertRows(page, all, `${id}, unfiltered`);
    assert.ok(await sel(page, 'comparison-empty').isHidden(), id);
    // The summary names the cheapest model.
    assert.ok((await sel(page, 'comparison-summary').textContent()).includes(`${all.length} models`), id);
    // Every provider of the candidates is offered, with its count.
    const providers = await sel(page, 'comparison-provider').locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(providers, ['', ...new Set(all.map((o) => o.provider))].sort(), `${id}: providers`);
    for (const filter of FILTERS) {
      await setFilters(page, filter);
      const some = await compare(scenario, filter);
      assert.ok(some.length > 0 && some.length < all.length, `${id} ${JSON.stringify(filter)}: ${some.length} models`);
      await assertRows(page, some, `${id} filtered by ${JSON.stringify(filter)}`);
    }
    await setFilters(page, {});
  }
});

test('filters that match nothing say so, and clearing them brings every model back', async () => {
  const scenario = await loadPreset(page, 'marketing-posts', PANEL);
  const filter = { provider: 'openai', search: 'claude' };
  await setFilters(page, filter);
  assert.deepEqual(await compare(scenario, filter), []);
  await sel(page, 'comparison-no-match').waitFor();
  assert.equal(await sel(page, 'comparison-row').count(), 0);
  assert.ok(await sel(page, 'comparison-chart').isHidden(), 'no chart');
  await sel(page, 'comparison-no-match').locator('button').click();
  await assertRows(page, await compare(scenario), 'after clearing the filters');
  assert.equal(await sel(page, 'comparison-search').inputValue(), '');
  assert.ok(await sel(page, 'comparison-no-match').isHidden());
  assert.ok(await sel(page, 'comparison-chart').isVisible());
});

test('a scenario with no llm step on "default" says so', async () => {
  const scenario = await loadPreset(page, 'marketing-posts');
  const pinned = structuredClone(scenario);
  pinned.name = 'Every step on its own model';
  for (const f of pinned.features) {
    for (const s of f.steps) {
      if (s.kind === 'llm' && (s.model ?? 'default') === 'default') s.model = pinned.default_model ?? 'gpt-4o-mini';
      if (s.route && (s.route.model ?? 'default') === 'default') s.route.model = pinned.default_model ?? 'gpt-4o-mini';
    }
  }
  assert.deepEqual(await compare(pinned), [], 'the command line has nothing to compare');
  await openScenario(page, pinned);
  await page.locator(PANEL).scrollIntoViewIfNeeded();
  const empty = sel(page, 'comparison-empty');
  await empty.waitFor();
  assert.match(await empty.textContent(), /No llm step uses the default model/);
  assert.equal(await sel(page, 'comparison-row').count(), 0);
  assert.ok(await sel(page, 'comparison-provider').isHidden(), 'no filters');
  assert.ok(await sel(page, 'comparison-no-match').isHidden(), 'no other message');
});

test('"Use" switches the default model to the figures of the command line; Undo brings them back', async () => {
  for (const id of ['coaching-chat', 'real-estate-crm', 'product-tagging']) {
    const scenario = await loadPreset(page, id, PANEL);
    await setFilters(page, {});
    const before = await evalScenario(scenario);
    const options = await compare(scenario);
    await assertRows(page, options, `${id} before`);
    // The cheapest model other than today's, and one that costs more.
    const current = options.find((o) => o.is_current);
    const targets = [options.find((o) => !o.is_current), options.findLast((o) => !o.is_current)];
    for (const target of targets) {
      const switched = { ...structuredClone(scenario), default_model: target.model };
      const report = await evalScenario(switched);
      assert.equal(report.monthly_cost, target.monthly_cost, `${id} → ${target.model}: the option is the report`);
      await showAll(page);
      await page.locator(`${PANEL} [data-testid="comparison-row"][data-model="${target.model}"] [data-testid="use-model"]`).click();
      const mismatches = await waitForFigures(page, report);
      assert.deepEqual(mismatches, [], `${id} on ${target.model}: ${mismatches.join('; ')}`);
      assert.equal(await page.locator('[data-testid="model-select"]').inputValue(), target.model);
      await assertRows(page, await compare(switched), `${id} on ${target.model}`);
      const notice = await page.locator('[data-testid="notice"]').textContent();
      assert.ok(notice.includes(`from ${current.model} to ${target.model}`), notice);

      // The focus moves to the way back, next to the message.
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'comparison-undo');
      await sel(page, 'comparison-undo').click();
      const back = await waitForFigures(page, before);
      assert.deepEqual(back, [], `${id} after Undo: ${back.join('; ')}`);
      await assertRows(page, options, `${id} after Undo`);
      assert.ok(await sel(page, 'comparison-undo').isHidden(), 'the Undo is spent');
      // The way forward stays offered in the notice bar, like every Undo.
      await page.locator('[data-testid="notice-undo"]').waitFor();
    }
  }
});

test('the CSV download is the table; PNG and SVG are the chart with its header', async () => {
  const scenario = await loadPreset(page, 'inbox-classifier', PANEL);
  const filter = FILTERS[0];
  await setFilters(page, filter);
  const options = await compare(scenario, filter);
  await assertRows(page, options, 'inbox-classifier, filtered');
  const table = await panelRows(page);
  const slug = scenario.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const download = async (testid) => {
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), sel(page, testid).click()]);
    const path = await file.path();
    assert.ok(path, `${testid}: ${await file.failure()}`);
    const { readFile } = await import('node:fs/promises');
    return { name: file.suggestedFilename(), bytes: await readFile(path) };
  };

  const csv = await download('export-models-csv');
  assert.equal(csv.name, `burnrate-${slug}-models.csv`);
  const lines = csv.bytes.toString('utf8').split('\r\n');
  assert.equal(lines.pop(), '', 'CRLF after the last record');
  assert.equal(lines[0], CSV_HEADER);
  const records = lines.slice(1).map((line) => line.split(','));
  assert.deepEqual(
    records.map((f) => ({
      model: f[0],
      provider: f[1],
      current: f[6] === 'true',
      monthly_cost: Number(f[3]),
      cost_per_action: Number(f[4]),
      saving: Number(f[5]),
    })),
    table,
    'the CSV rows are the table rows',
  );
  assert.deepEqual(
    records.map((f) => (f[2] === '' ? null : Number(f[2]))),
    options.map((o) => o.context_tokens),
    'context windows',
  );
  await page.locator(`${PANEL} [role="status"]`, { hasText: `Downloading ${csv.name}` }).waitFor();

  const png = await download('export-models-png');
  assert.equal(png.name, `burnrate-${slug}-models.png`);
  assert.deepEqual([...png.bytes.subarray(0, 8)], PNG_SIGNATURE);
  assert.equal(png.bytes.readUInt32BE(16), 1920);
  assert.equal(png.bytes.readUInt32BE(20), 1080);
  assert.ok(png.bytes.length > 20000, `${png.bytes.length} bytes is too small for a chart`);

  const svg = await download('export-models-svg');
  assert.equal(svg.name, `burnrate-${slug}-models.svg`);
  const text = svg.bytes.toString('utf8');
  assert.ok(text.includes(`Model comparison — ${scenario.name} — `), 'the header names the chart and scenario');
  assert.ok(text.includes('$ per month at '), 'the money axis');
  // The twelve cheapest are drawn, named by their id's last part and their
  // provider, except that today's model takes the last place when it ranks
  // below them.
  const today = options.findIndex((o) => o.is_current);
  const drawn = today >= 12 ? [...options.slice(0, 11), options[today]] : options.slice(0, 12);
  for (const o of drawn) {
    assert.ok(text.includes(`${o.model.split('/').pop()} · ${o.provider}`), `${o.model} in the SVG`);
  }
  assert.ok(options.length > drawn.length, 'the filter leaves more models than the chart draws');
  assert.ok(text.includes(`${options.length - drawn.length} more in the table`), 'the legend counts the others');
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length };
  }, text);
  assert.deepEqual(parsed, { root: 'svg', errors: 0 });
  await setFilters(page, {});
});

test('the chart draws the cheapest models and today', async () => {
  await loadPreset(page, 'coaching-chat', PANEL);
  await frames(page);
  const chart = sel(page, 'comparison-chart');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.match(await chart.getAttribute('aria-label'), /^Bar chart of the monthly cost with each model as the default, cheapest first: 12 of \d+ models drawn/);
  const drawn = await chart.evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 24) n++;
    return { n, width: c.width };
  });
  assert.ok(drawn.width > 0 && drawn.n > 5000, `drawn: ${JSON.stringify(drawn)}`);
});

test('far off screen the panel holds while a slider moves, then catches up', async () => {
  const short = await app.open('', { viewport: { width: 1280, height: 300 } });
  try {
    const p = short.page;
    await p.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
    const scenario = await loadPreset(p, 'marketing-posts');
    await p.locator(`${PANEL} [data-testid="comparison-row"]`).first().waitFor({ state: 'attached' });
    await assertRows(p, await compare(scenario), 'before the move', {});
    await p.evaluate(() => window.scrollTo(0, 0));
    await frames(p);
    const far = await p.evaluate((panel) => document.querySelector(panel).getBoundingClientRect().top - innerHeight, PANEL);
    assert.ok(far > 400, `the panel is ${far} px below the window`);
    const first = () => p.locator(`${PANEL} [data-testid="comparison-monthly-cost"]`).first().getAttribute('data-value');
    const cost = () => p.locator('[data-testid="monthly-cost"]').getAttribute('data-value');
    const [firstBefore, costBefore] = [await first(), await cost()];
    const position = 3.5;
    await setRange(p, 'users-slider', position);
    await frames(p);
    assert.notEqual(await cost(), costBefore, 'the key figures follow at once');
    assert.equal(await first(), firstBefore, 'the panel far off screen holds while the slider moves');
    await p.waitForFunction(
      ([panel, old]) => document.querySelector(`${panel} [data-testid="comparison-monthly-cost"]`).dataset.value !== old,
      [PANEL, firstBefore],
      { timeout: 3000 },
    );
    const moved = { ...scenario, users: logScaleValue(...USERS_SCALE, position) };
    await p.locator(PANEL).scrollIntoViewIfNeeded();
    await assertRows(p, await compare(moved), 'after the slider rests');
  } finally {
    otherErrors.push(...short.errors.map((e) => `(short page) ${e}`));
    await short.page.close();
  }
});

test('at 390 px the panel fits without horizontal scroll and axe finds nothing serious in it', async () => {
  const phone = await app.open('', { viewport: { width: 390, height: 844 } });
  try {
    const p = phone.page;
    await p.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
    await injectAxe(p);
    await p.locator(PANEL).scrollIntoViewIfNeeded();
    await p.locator(`${PANEL} [data-testid="comparison-row"]`).first().waitFor();
    // A switch, so that the Undo line shows too.
    await p.locator(`${PANEL} [data-testid="use-model"]`).first().click();
    await sel(p, 'comparison-undo').waitFor();
    await frames(p);
    const width = await sidewaysScroll(p, PANEL);
    assert.ok(width.document <= 390, `document scrollWidth ${width.document} > 390`);
    assert.ok(width.scroll <= width.client, `the panel scrolls sideways (${width.scroll} > ${width.client})`);
    for (const what of ['table', 'no match']) {
      if (what === 'no match') {
        await sel(p, 'comparison-search').fill('no such model anywhere');
        await sel(p, 'comparison-no-match').waitFor();
      }
      const violations = await seriousViolations(p, PANEL);
      assert.deepEqual(violations, [], `axe, ${what}`);
    }
  } finally {
    otherErrors.push(...phone.errors.map((e) => `(390 px page) ${e}`));
    await phone.page.close();
  }
});

test('no console errors or page errors over the whole session', () => {
  assert.deepEqual([...errors, ...otherErrors], []);
});
