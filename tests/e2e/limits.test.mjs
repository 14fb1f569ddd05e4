// Scenario version 2 on the page: a link with cache writes, reasoning
// tokens, max_tokens and per-model limit pools opens with exactly the
// figures the command line computes, the editor shows the new fields, and
// a published rate-limit tier picked in the editor replaces that
// provider's limits as `burnrate tiers ID FILE` does, with Undo.
//
// Expected figures always come from `burnrate eval --json`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { evalScenario, fragmentOf, runCli, startApp, tempFile, waitForFigures } from './harness.mjs';

/** Claude Sonnet 4.5 chat on Anthropic Tier 1, with the fields version 2 added. */
const SCENARIO = {
  version: 2,
  name: 'Claude support bot',
  users: 4000,
  features: [
    {
      name: 'Answer',
      per_user_per_day: 5,
      steps: [
        {
          name: 'Reply',
          model: 'claude-sonnet-4-5',
          input_tokens: 12000,
          cached_share: 0.8,
          cache_write_share: 0.1,
          output_tokens: 400,
          reasoning_tokens: 600,
          max_tokens: 2000,
        },
      ],
    },
  ],
  pricing: { price_per_paying_user: 20 },
  limits: [
    { provider: 'anthropic', models: ['claude-sonnet-4-5', 'claude-sonnet-4-6'], rpm: 50, itpm: 30000, otpm: 8000 },
  ],
};

let app;
let page;
let errors;

before(async () => {
  app = await startApp();
  ({ page, errors } = await app.open(`/${fragmentOf(JSON.stringify(SCENARIO))}`));
  await page.locator('.scenario-name', { hasText: SCENARIO.name }).waitFor({ timeout: 10000 });
});

after(async () => {
  await app?.close();
});

test('a version-2 link opens with the command line figures', async () => {
  const expected = await evalScenario(SCENARIO);
  assert.ok(expected.peak_limit_utilisation > 1, 'the example is over Tier 1');
  assert.deepEqual(await waitForFigures(page, expected), []);
  assert.deepEqual(errors, []);
});

test('the editor shows the version-2 fields of steps and pools', async () => {
  await page.locator('details.editor-section summary', { hasText: 'Rate limits' }).click();
  await page.getByLabel('Input tokens a minute (ITPM)').first().waitFor();
  assert.equal(await page.getByLabel('Input tokens a minute (ITPM)').first().inputValue(), '30000');
  assert.equal(
    await page.getByLabel(/Models in this pool/).first().inputValue(),
    'claude-sonnet-4-5, claude-sonnet-4-6',
  );
});

test('a published tier picked in the editor replaces the provider limits, with Undo', async () => {
  const before = await evalScenario(SCENARIO);
  const file = await tempFile('scenario.json', JSON.stringify(SCENARIO));
  let applied;
  try {
    const { status, stdout, stderr } = await runCli(['tiers', 'anthropic-tier-2', file.path]);
    assert.equal(status, 0, stderr);
    applied = JSON.parse(stdout);
  } finally {
    await file.remove();
  }
  const expected = await evalScenario(applied);
  assert.ok(expected.peak_limit_utilisation < before.peak_limit_utilisation);

  await page.locator('[data-testid="tier-select"]').selectOption('anthropic-tier-2');
  assert.deepEqual(await waitForFigures(page, expected), []);
  assert.match(await page.locator('[data-testid="notice-undo"]').textContent(), /Back to/);
  await page.locator('[data-testid="notice-undo"]').click();
  assert.deepEqual(await waitForFigures(page, before), []);
  // The tier list names each tier's source date.
  const labels = await page.locator('[data-testid="tier-select"] option').allTextContents();
  const tiers = (await runCli(['tiers'])).stdout;
  assert.ok(labels.some((l) => l.includes('Anthropic Tier 2') && l.includes('2026-04-23')), labels.join('\n'));
  assert.ok(tiers.includes('anthropic-tier-2'));
  assert.deepEqual(errors, []);
});
