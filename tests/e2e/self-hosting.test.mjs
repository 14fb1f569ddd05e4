// The self-hosting panel in a real browser: on the preset that carries a
// self-hosted model its figures (the GPUs' monthly cost, the load against
// the ceiling, the GPUs the load needs, the crossover) equal `burnrate eval
// --json`; running the default steps on the GPUs changes the key figures
// and the capacity panel to the command line's for that scenario, and Undo
// brings them back; on a preset without one the panel adds one, whose
// figures again equal the command line's; the chart draws, and its data
// (CSV) and image (SVG) export.
//
// Expected numbers are never written here: they come from the command line
// for the scenario the page holds (read back from its share link).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  canvasPixels,
  downloadFile,
  evalScenario,
  figure,
  loadPreset,
  openPlanner,
  parseDataValue,
  presetReport,
  scenarioOfHash,
  waitForFigures,
} from './harness.mjs';

const PANEL = '[data-testid="self-hosting"]';

let app;
let page;
let errors;

before(async () => {
  ({ app, page, errors } = await openPlanner());
});

after(async () => {
  await app?.close();
});

const sel = (testid) => page.locator(`${PANEL} [data-testid="${testid}"]`);

/** The scenario the page holds, from its share link. */
async function pageScenario() {
  return scenarioOfHash(await page.evaluate(() => location.hash));
}

/** Whether canvas `testid` has something drawn on it within a few seconds. */
async function drawn(testid) {
  for (let i = 0; i < 50; i++) {
    if ((await canvasPixels(page, testid)).drawn > 0) return true;
    await page.waitForTimeout(100);
  }
  return false;
}

/**
 * The scenario the page's link holds once `holds(scenario)` is true (the
 * link is written a moment after an edit, and a preset's own write may
 * still be on its way when a test starts).
 */
async function linkWhere(holds, what) {
  let last;
  for (let i = 0; i < 100; i++) {
    try {
      last = await pageScenario();
      if (holds(last)) return last;
    } catch {
      // No link yet, or one being written.
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`the page's link never held ${what}: ${JSON.stringify(last)?.slice(0, 500)}`);
}

/** Opens the editor's "Custom models" section, unless it is open already. */
async function openCustomModels() {
  const section = page.locator('details.editor-section', { has: page.locator('summary', { hasText: 'Custom models' }) });
  await section.waitFor({ timeout: 10000 });
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
}

/** Asserts the panel's figures for `report.self_hosted[0]`. */
async function assertPanel(report, what) {
  const h = report.self_hosted[0];
  const want = {
    'gpu-monthly': h.monthly_cost,
    'gpu-utilisation': h.utilisation,
    'gpus-needed': h.gpus_needed,
    'crossover-users': h.crossover?.users ?? null,
  };
  for (const [testid, value] of Object.entries(want)) {
    const locator = sel(testid).first();
    await page.waitForFunction(
      ([css, v]) => {
        const el = document.querySelector(css);
        if (!el) return false;
        const raw = el.getAttribute('data-value');
        return v === null ? raw === '' : raw !== '' && Number(raw) === v;
      },
      [`${PANEL} [data-testid="${testid}"]`, value],
      { timeout: 5000 },
    ).catch(async () => {
      const got = parseDataValue(await locator.getAttribute('data-value'), testid);
      assert.equal(got, value, `${what}: ${testid}`);
    });
  }
}

test('the preset with a self-hosted model shows what the command line computes', async () => {
  await loadPreset(page, 'product-tagging', PANEL);
  const report = await presetReport('product-tagging');
  assert.equal(report.self_hosted.length, 1, 'the preset carries one self-hosted model');
  assert.equal(report.self_hosted[0].in_use, false, 'and no step uses it yet');
  assert.ok(report.self_hosted[0].crossover?.users > 0, 'it has a crossover');
  await assertPanel(report, 'product-tagging');
  const text = await page.locator(PANEL).textContent();
  assert.ok(text.includes(report.self_hosted[0].crossover.versus), `names the API model: ${text}`);
  assert.ok(await drawn('crossover-chart'), 'the chart draws');
});

test('running the default steps on the GPUs moves every figure; Undo restores them', async () => {
  const before = await presetReport('product-tagging');
  await sel('use-self-hosted').click();
  const model = before.self_hosted[0].model;
  const switched = await linkWhere((s) => s.default_model === model, `the default on ${model}`);
  const after = await evalScenario(switched);
  assert.ok(after.self_hosted[0].in_use && after.self_hosted[0].monthly_cost > 0, 'its GPUs are paid now');
  const mismatches = await waitForFigures(page, after);
  assert.deepEqual(mismatches, [], mismatches.join('; '));
  await assertPanel(after, 'on its own GPUs');
  // The GPUs are the capacity panel's binding limit, as the report says.
  assert.match(after.binding_limit, /GPU tokens\/s/);
  await page
    .locator('[data-testid="binding-limit"]', { hasText: 'GPU tokens/s' })
    .waitFor({ timeout: 5000 });
  assert.equal(await figure(page, 'peak-limit-utilisation'), after.peak_limit_utilisation);

  await page.locator('[data-testid="notice-undo"]').click();
  const back = await waitForFigures(page, before);
  assert.deepEqual(back, [], back.join('; '));
  await assertPanel(before, 'after Undo');
});

test('the chart data and image export', async () => {
  const csv = await downloadFile(page, 'export-self-hosting-csv');
  assert.match(csv.name, /-self-hosting\.csv$/);
  const rows = csv.bytes.toString('utf8').trim().split(/\r\n/);
  assert.equal(rows[0], 'users,api_monthly,self_hosted_monthly,gpus');
  const report = await evalScenario(await pageScenario());
  const crossover = report.self_hosted[0].crossover.users;
  const last = rows.at(-1).split(',').map(Number);
  assert.ok(last[0] >= crossover, `the data reaches past the crossover (${last[0]} ≥ ${crossover})`);
  const svg = await downloadFile(page, 'export-self-hosting-svg');
  const text = svg.bytes.toString('utf8');
  assert.ok(text.includes('Self-hosting cheaper from'), 'the crossover is marked');
  assert.ok(!text.includes('NaN'));
});

test('a scenario without one offers to add one, and then shows its figures', async () => {
  const coaching = await loadPreset(page, 'coaching-chat', PANEL);
  await sel('add-self-hosted').click();
  const added = await linkWhere(
    (s) => s.name === coaching.name && s.custom_models?.some((m) => m.self_hosted),
    `${coaching.name} with a self-hosted model`,
  );
  const model = added.custom_models.find((m) => m.self_hosted) ?? {};
  assert.ok(model.self_hosted, `a self-hosted model was added: ${JSON.stringify(added.custom_models)}`);
  const report = await evalScenario(added);
  await assertPanel(report, 'added from the panel');
  assert.ok(await drawn('crossover-chart'), 'the chart draws');
  await page.locator('[data-testid="notice-undo"]').click();
  await sel('add-self-hosted').waitFor({ timeout: 5000 });
  assert.deepEqual(errors, []);
});

test('in the editor a custom model switches to GPU pricing and back', async () => {
  await loadPreset(page, 'product-tagging');
  await openCustomModels();
  const priced = page.locator('#edit-custom_models-1-priced_by');
  await priced.waitFor({ timeout: 10000 });
  const memo = (s) => s.custom_models?.find((m) => m.id === 'gpt-4o-mini-memo');
  await priced.selectOption('gpu');
  await linkWhere((s) => memo(s)?.self_hosted, 'gpt-4o-mini-memo on GPUs');
  // The token prices give way to the GPU fields, and the page's figures
  // are the command line's for the scenario it now holds.
  await page.locator('#edit-custom_models-1-self_hosted-price_per_gpu_hour').waitFor();
  assert.equal(await page.locator('#edit-custom_models-1-input_per_mtok').count(), 0);
  const switched = await pageScenario();
  const model = switched.custom_models.find((m) => m.id === 'gpt-4o-mini-memo');
  assert.ok(model?.self_hosted, JSON.stringify(switched.custom_models));
  const report = await evalScenario(switched);
  const mismatches = await waitForFigures(page, report);
  assert.deepEqual(mismatches, [], mismatches.join('; '));
  const gpus = page.locator('#edit-custom_models-1-self_hosted-gpus');
  await gpus.fill('3');
  await gpus.dispatchEvent('change');
  await linkWhere((s) => memo(s)?.self_hosted?.gpus === 3, 'three GPUs');
  await page.locator(`${PANEL} .deployment[data-model="gpt-4o-mini-memo"]`).waitFor();
  await priced.selectOption('token');
  await page.locator('#edit-custom_models-1-input_per_mtok').waitFor();
  assert.deepEqual(errors, []);
});

test('the editor weighs a self-hosted model against an API model picked from a list', async () => {
  const tagging = await loadPreset(page, 'product-tagging');
  await openCustomModels();
  const i = tagging.custom_models.findIndex((m) => m.self_hosted);
  assert.ok(i >= 0, 'the preset has a self-hosted model');
  const versus = page.locator(`#edit-custom_models-${i}-self_hosted-versus`);
  await versus.waitFor({ timeout: 10000 });
  assert.equal(await versus.evaluate((el) => el.tagName), 'SELECT');
  const offered = await versus.locator('option').evaluateAll((options) => options.map((o) => o.value));
  assert.equal(offered[0], '', 'first: the default model');
  const selfHosted = tagging.custom_models.filter((m) => m.self_hosted).map((m) => m.id);
  for (const id of selfHosted) assert.ok(!offered.includes(id), `${id} is self-hosted, not offered`);
  for (const m of tagging.custom_models.filter((m) => !m.self_hosted)) {
    assert.ok(offered.includes(m.id), `the custom API model ${m.id} is offered`);
  }
  const pick = offered.find((id) => id !== '' && id !== tagging.default_model && id.startsWith('gpt-4o'));
  assert.ok(pick, `a catalog model to pick among ${offered.length} options`);
  await versus.selectOption(pick);
  const chosen = await linkWhere((s) => s.custom_models?.[i]?.self_hosted?.versus === pick, `versus ${pick}`);
  const report = await evalScenario(chosen);
  assert.equal(report.self_hosted[0].crossover?.versus, pick, 'the command line weighs it against the pick');
  await assertPanel(report, `weighed against ${pick}`);
  await versus.selectOption('');
  await linkWhere((s) => s.custom_models?.[i]?.self_hosted?.versus === undefined, 'versus back to the default');
  assert.deepEqual(errors, []);
});
