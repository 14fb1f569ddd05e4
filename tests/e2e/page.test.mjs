// The page in a real browser: it loads cleanly, publishes every headline
// figure, and those figures are exactly what the command line computes for
// the same scenario (the default preset), because both run the same engine.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { HEADLINE_FIGURES, figure, figures, presetReport, startApp } from './harness.mjs';

const DEFAULT_PRESET = 'coaching-chat';

let app;
let page;
let errors;
let reportPromise;

before(async () => {
  app = await startApp();
  ({ page, errors } = await app.open(''));
});

after(async () => {
  await app?.close();
});

// Computed once, on first use, so a broken command line fails only the
// tests that compare with it.
const report = () => (reportPromise ??= presetReport(DEFAULT_PRESET));

test('every headline figure is on the page within 5 s', async () => {
  await Promise.all(
    HEADLINE_FIGURES.map(([testid]) =>
      page.locator(`[data-testid="${testid}"]`).first().waitFor({ state: 'attached', timeout: 5000 }),
    ),
  );
});

test('the page loads with no console errors', async () => {
  await page.locator('[data-testid="monthly-cost"]').first().waitFor({ state: 'attached', timeout: 5000 });
  await page.waitForLoadState('networkidle');
  assert.deepEqual(errors, []);
});

test('headline figures equal `burnrate eval --json` for the default preset', async () => {
  const expected = await report();
  for (const [testid, field] of HEADLINE_FIGURES) {
    assert.ok(field in expected, `the report has no field ${field}`);
    const want = expected[field];
    const got = await figure(page, testid);
    // Plain Number equality (=== treats 0 and -0 alike), null for null.
    assert.ok(got === want, `${testid}: page shows ${got}, command line says ${want}`);
  }
});

test('the default preset opens with every headline figure, none "—" or "never"', async () => {
  for (const [testid] of HEADLINE_FIGURES) {
    const locator = page.locator(`[data-testid="${testid}"]`).first();
    const value = await locator.getAttribute('data-value');
    const text = (await locator.textContent()).trim();
    assert.ok(value !== null && value !== '', `${testid} has no value (shows ${JSON.stringify(text)})`);
    assert.ok(text !== '—' && text !== 'never', `${testid} shows ${JSON.stringify(text)}`);
  }
});

test('one feature-monthly-cost per feature, equal to the command line', async () => {
  const expected = await report();
  assert.ok(Array.isArray(expected.features), 'the report has a features array');
  const got = await figures(page, 'feature-monthly-cost');
  const want = expected.features.map((f) => f.monthly_cost);
  assert.equal(got.length, want.length, `page shows ${got.length} features, command line ${want.length}`);
  got.forEach((value, i) =>
    assert.ok(value === want[i], `feature ${i} (${expected.features[i].name}): page ${value}, command line ${want[i]}`),
  );
});
