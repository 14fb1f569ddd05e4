// The planner in a real browser, driven like a person drives it: every preset
// loads from the preset picker with exactly the figures the command line
// computes; each quick control (users, volume, model, cache — by pointer and
// by keyboard) moves the figures to exactly what the engine computes for the
// same edited scenario; every chart draws and redraws; the page fits a phone
// screen; and nothing logs an error along the way.
//
// Expected numbers are never written here: each expected scenario is built
// from the preset's JSON (`burnrate presets ID`) with the same edit the
// control makes, and evaluated by `burnrate eval --json`.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  canvasPixels,
  evalScenario,
  formatCount,
  loadPreset as harnessLoadPreset,
  logScaleValue,
  openPlanner,
  PRESET_IDS,
  ROOT,
  setRange,
  USERS_SCALE,
  VOLUME_SCALE,
  waitForFigures,
} from './harness.mjs';

const PRESETS = PRESET_IDS;
const CHARTS = ['spend-chart', 'break-even-chart', 'break-even-price-chart', 'breakdown-chart'];
const ARTIFACTS = join(ROOT, 'target', 'test-artifacts');

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

/** Loads preset `id` through the picker; resolves to its scenario JSON. */
/** Loads preset `id` through the picker; resolves to its scenario JSON. */
const loadPreset = (id) => harnessLoadPreset(page, id);

/** Asserts that the page's figures equal the command line's for `scenario`. */
async function assertFiguresMatch(scenario, what) {
  const report = await evalScenario(scenario);
  const mismatches = await waitForFigures(page, report);
  assert.deepEqual(mismatches, [], `${what}: the page disagrees with \`burnrate eval --json\`:\n  ${mismatches.join('\n  ')}`);
}

const clone = (x) => structuredClone(x);

test('every preset loads from the picker with the command line figures', async () => {
  const options = await sel('preset-select').locator('option').evaluateAll((os) => os.map((o) => o.value));
  for (const id of PRESETS) assert.ok(options.includes(id), `preset-select has no option ${id} (has ${options})`);
  // Start from another preset so even the default one is really reloaded.
  for (const id of [...PRESETS.slice(1), PRESETS[0]]) {
    const scenario = await loadPreset(id);
    await assertFiguresMatch(scenario, `preset ${id}`);
  }
});

test('users slider: position 3.0 means 1,000 users, figures follow', async () => {
  const scenario = await loadPreset('marketing-posts');
  await setRange(page, 'users-slider', '3');
  const users = logScaleValue(...USERS_SCALE, 3);
  assert.equal(users, 1000);
  await assertFiguresMatch({ ...clone(scenario), users }, 'users slider at 3.0');
  assert.equal(await sel('users-slider').inputValue(), '3');
  const text = await sel('users-slider').getAttribute('aria-valuetext');
  assert.ok(text?.includes('1,000'), `users-slider aria-valuetext is ${JSON.stringify(text)}, expected it to contain "1,000"`);
});

test('users slider by keyboard: ArrowRight, End, Home', async () => {
  const scenario = await loadPreset('marketing-posts');
  const slider = sel('users-slider');
  await slider.focus();
  const before = Number(await slider.inputValue());
  for (const key of ['ArrowRight', 'End', 'Home']) {
    await page.keyboard.press(key);
    const raw = await slider.inputValue();
    const position = Number(raw);
    if (key === 'ArrowRight') {
      assert.ok(position > before, `ArrowRight moved the users slider from ${before} to ${raw}`);
    }
    if (key === 'End') assert.equal(position, USERS_SCALE[1], `End put the users slider at ${raw}`);
    if (key === 'Home') assert.equal(position, USERS_SCALE[0], `Home put the users slider at ${raw}`);
    const users = logScaleValue(...USERS_SCALE, position);
    await assertFiguresMatch({ ...clone(scenario), users }, `users slider after ${key} (value ${raw}, ${users} users)`);
    const text = await slider.getAttribute('aria-valuetext');
    assert.ok(
      text?.includes(formatCount(users)),
      `after ${key}: aria-valuetext ${JSON.stringify(text)} does not contain ${formatCount(users)}`,
    );
    assert.ok(
      await slider.evaluate((el) => el === document.activeElement),
      `after ${key} the users slider lost focus`,
    );
  }
});

test('volume slider acts on the selected feature', async () => {
  // One feature, a value rounded to two significant digits (0.5 → 3.2 a day).
  let scenario = await loadPreset('marketing-posts');
  await setRange(page, 'volume-slider', '0.5');
  let expected = clone(scenario);
  expected.features[0].per_user_per_day = logScaleValue(...VOLUME_SCALE, 0.5);
  await assertFiguresMatch(expected, 'volume slider at 0.5 on marketing-posts');

  // Several features: pick the second with feature-select, then move volume to 2.5 (316 a day).
  scenario = await loadPreset('coaching-chat');
  assert.ok(scenario.features.length > 1, 'coaching-chat has several features');
  await sel('feature-select').selectOption('1');
  await setRange(page, 'volume-slider', '2.5');
  expected = clone(scenario);
  expected.features[1].per_user_per_day = logScaleValue(...VOLUME_SCALE, 2.5);
  await assertFiguresMatch(expected, 'volume slider at 2.5 on coaching-chat, feature 2');
  const text = await sel('volume-slider').getAttribute('aria-valuetext');
  assert.ok(text?.includes(formatCount(expected.features[1].per_user_per_day)), `volume aria-valuetext is ${JSON.stringify(text)}`);
});

test('model select switches the default model', async () => {
  const scenario = await loadPreset('marketing-posts');
  const options = await sel('model-select').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(options.includes(scenario.default_model), `model-select does not list the current model ${scenario.default_model}`);
  assert.equal(await sel('model-select').inputValue(), scenario.default_model, 'model-select shows the default model');
  const model = options.includes('gpt-4o-mini') && scenario.default_model !== 'gpt-4o-mini'
    ? 'gpt-4o-mini'
    : options.find((o) => o !== scenario.default_model);
  assert.ok(model, 'model-select offers another model');
  await sel('model-select').selectOption(model);
  await assertFiguresMatch({ ...clone(scenario), default_model: model }, `model-select ${model}`);
  assert.equal(await sel('model-select').inputValue(), model);
});

test('cache slider at 50 % halves billed actions of the selected feature', async () => {
  const scenario = await loadPreset('marketing-posts');
  await setRange(page, 'cache-slider', '50');
  const expected = clone(scenario);
  expected.features[0].cache_hit_rate = 50 / 100;
  await assertFiguresMatch(expected, 'cache slider at 50');
  const text = await sel('cache-slider').getAttribute('aria-valuetext');
  assert.ok(text?.includes('50'), `cache-slider aria-valuetext is ${JSON.stringify(text)}`);
});

test('every chart draws, and redraws when the users slider moves', async () => {
  await loadPreset('marketing-posts');
  const waitDrawn = async (testid, previousHash) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const px = await canvasPixels(page, testid);
      const ok = px.drawn > 500 && (previousHash === undefined || px.hash !== previousHash);
      if (ok || Date.now() > deadline) return px;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const before = {};
  for (const testid of CHARTS) {
    const px = await waitDrawn(testid);
    assert.ok(px.width > 0 && px.height > 0, `${testid}: the canvas is ${px.width}×${px.height}`);
    assert.ok(px.drawn > 500, `${testid}: only ${px.drawn} drawn pixels of ${px.width * px.height}`);
    before[testid] = px.hash;
  }
  await setRange(page, 'users-slider', '3.5');
  for (const testid of CHARTS) {
    // A chart off screen is redrawn when it comes into view.
    await page.locator(`[data-testid="${testid}"]`).scrollIntoViewIfNeeded();
    const px = await waitDrawn(testid, before[testid]);
    assert.notEqual(px.hash, before[testid], `${testid}: no pixel changed when users went from 50 to ${logScaleValue(...USERS_SCALE, 3.5)}`);
    assert.ok(px.drawn > 500, `${testid}: only ${px.drawn} drawn pixels after the users slider moved`);
  }
});

test('a chart off screen waits to be scrolled into view before it redraws', async () => {
  const short = await app.open('', { viewport: { width: 1280, height: 500 } });
  try {
    const p = short.page;
    await p.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const spend = await canvasPixels(p, 'spend-chart');
    const breakdown = await canvasPixels(p, 'breakdown-chart');
    assert.ok(breakdown.drawn > 500, 'drawn once at start');
    await setRange(p, 'users-slider', '4.5');
    const deadline = Date.now() + 5000;
    while ((await canvasPixels(p, 'spend-chart')).hash === spend.hash && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.notEqual((await canvasPixels(p, 'spend-chart')).hash, spend.hash, 'the visible chart redrew');
    assert.equal((await canvasPixels(p, 'breakdown-chart')).hash, breakdown.hash, 'the hidden one did not');
    await p.locator('[data-testid="breakdown-chart"]').scrollIntoViewIfNeeded();
    const later = Date.now() + 5000;
    while ((await canvasPixels(p, 'breakdown-chart')).hash === breakdown.hash && Date.now() < later) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.notEqual((await canvasPixels(p, 'breakdown-chart')).hash, breakdown.hash, 'redrawn once in view');
    assert.deepEqual(short.errors, []);
  } finally {
    await short.page.close();
  }
});

test('the editor far off screen holds its fields while a slider moves, then catches up', async () => {
  const short = await app.open('', { viewport: { width: 1280, height: 500 } });
  try {
    const p = short.page;
    await p.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
    const users = p.locator('#edit-users');
    await users.waitFor({ timeout: 10000 });
    const drag = (positions) =>
      p.evaluate(async (positions) => {
        const slider = document.querySelector('[data-testid="users-slider"]');
        const field = document.getElementById('edit-users');
        let last = 0;
        for (const position of positions) {
          slider.value = position;
          last = performance.now();
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((r) => setTimeout(r, 16));
        }
        return { shown: field.value, late: performance.now() - last };
      }, positions);
    const before = await users.inputValue();
    const far = await drag(['3.1', '3.3', '3.5']);
    const moved = await p.locator('.control-number').first().inputValue();
    assert.notEqual(moved, before, 'the slider moved the users');
    // Held during the drag (unless this machine stalled past the quiet time).
    if (far.late < 250) assert.equal(far.shown, before, 'held while moving off screen');
    await p.waitForFunction((v) => document.getElementById('edit-users').value === v, moved, { timeout: 5000 });

    // Near the screen it follows every move at once.
    await users.scrollIntoViewIfNeeded();
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const near = await drag(['4.2']);
    assert.equal(near.shown, await p.locator('.control-number').first().inputValue(), 'follows on screen');
    assert.deepEqual(short.errors, []);
  } finally {
    await short.page.close();
  }
});

test('a moved item keeps its open or closed cards and keyboard focus', async () => {
  await loadPreset('real-estate-crm');
  await page.locator('#edit-features-1-up').waitFor({ timeout: 10000 });
  // Each feature row's card, its first step's card, and its title.
  const rows = () =>
    page.evaluate(() =>
      [0, 1].map((i) => {
        const row = document.getElementById(`edit-features-${i}-up`).closest('li.item');
        const cards = row.querySelectorAll('details');
        return {
          title: row.querySelector('.item-title').textContent,
          open: cards[0].open,
          step: cards[1]?.open,
        };
      }),
    );
  await page.evaluate(() => {
    const cards = (i) => document.getElementById(`edit-features-${i}-up`).closest('li.item').querySelectorAll('details');
    [cards(0)[0].open, cards(0)[1].open] = [true, false];
    [cards(1)[0].open, cards(1)[1].open] = [false, true];
  });
  const before = await rows();
  assert.notEqual(before[0].title, before[1].title);
  await page.locator('#edit-features-0-down').click();
  await page.waitForFunction((t) => document.querySelectorAll('li.item .item-title')[0]?.textContent !== t, before[0].title);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const after = await rows();
  assert.deepEqual(after, [before[1], before[0]], 'the cards moved with their items');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'edit-features-1-down', 'focus moved with the item');
  await page.locator('#edit-features-1-up').click();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.deepEqual(await rows(), before, 'and back');
});

test('at 390×844 the page has no horizontal scroll', async () => {
  const phone = await app.open('', { viewport: { width: 390, height: 844 } });
  try {
    await phone.page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
    // Let the charts measure themselves and draw.
    await phone.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await mkdir(ARTIFACTS, { recursive: true });
    await phone.page.screenshot({ path: join(ARTIFACTS, 'planner-390.png'), fullPage: true });
    const { scrollWidth, offenders } = await phone.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      offenders: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .slice(0, 8)
        .map((el) => {
          const id = el.getAttribute('data-testid') ?? el.id;
          const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(/\s+/).join('.')}` : '';
          return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}${cls} right=${Math.round(el.getBoundingClientRect().right)}`;
        }),
    }));
    assert.ok(
      scrollWidth <= 390,
      `document scrollWidth ${scrollWidth} > 390; elements past the right edge: ${offenders.join(', ')}`,
    );
  } finally {
    otherErrors.push(...phone.errors.map((e) => `(390 px page) ${e}`));
    await phone.page.close();
  }
});

test('no console errors or page errors over the whole session', async () => {
  assert.deepEqual([...errors, ...otherErrors], []);
});
