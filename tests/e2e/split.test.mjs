// The first download and the rest (src/app/lazy.rs, scripts/split-wasm.mjs):
// the key figures come from the main wasm alone; the chunk with the editor,
// the saved list, compare, share/export and the panels is fetched after
// them; a chunk that cannot be fetched leaves the figures working and says
// so, and "try again" loads it once the network is back.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { DIST, startApp } from './harness.mjs';

// Test ids that only the lazily loaded parts render.
const LAZY_PARTS = ['copy-link', 'saved-panel', 'break-even-chart', 'projection-chart', 'budget-monthly-cost'];

let app;

before(async () => {
  // Without the service worker: once it has cached a release, the chunk
  // comes from its cache, where a blocked network cannot reach
  // (tests/e2e/hosted.test.mjs tests the worker itself).
  app = await startApp({ browser: { serviceWorkers: 'block' } });
});

after(async () => {
  await app?.close();
});

test('dist/ holds a main wasm and at least one content-hashed chunk', () => {
  const files = readdirSync(DIST);
  const chunks = files.filter((f) => /^split_\w+-[0-9a-f]{16}\.wasm$/.test(f));
  assert.ok(chunks.length >= 1, `no split_*-<hash>.wasm in ${DIST}: ${files.join(', ')}`);
  assert.equal(files.filter((f) => /_bg\.wasm$/.test(f)).length, 1, 'one main wasm');
  assert.ok(files.some((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f)), 'the chunk loader, content-hashed');
});

test('the key figures come first; the parts below load after them', async () => {
  const { page, errors } = await app.open('');
  const requested = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname.split('/').pop()));
  await page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
  for (const testid of LAZY_PARTS) {
    await page.locator(`[data-testid="${testid}"]`).first().waitFor({ state: 'attached', timeout: 10000 });
  }
  const timings = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((r) => ({ name: r.name.split('/').pop(), start: r.startTime })),
  );
  const main = timings.find((r) => r.name.endsWith('_bg.wasm'));
  const chunk = timings.find((r) => r.name.startsWith('split_'));
  assert.ok(main && chunk, `main wasm and chunk both fetched: ${timings.map((r) => r.name).join(', ')}`);
  assert.ok(chunk.start > main.start, `the chunk (${chunk.start} ms) is fetched after the main wasm (${main.start} ms)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a chunk that cannot be fetched leaves the figures working, says so, and loads on "try again"', async () => {
  const block = (route) => route.abort('internetdisconnected');
  await app.context.route('**/split_*.wasm', block);
  const { page, errors } = await app.open('');
  try {
    await page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
    const message = page.locator('[data-testid="part-error"]').first();
    await message.waitFor({ timeout: 10000 });
    assert.match(await message.textContent(), /could not load .*Check the connection/);
    assert.equal(await page.locator('[data-testid="copy-link"]').count(), 0);
    // The quick controls still drive the figures.
    const before = await page.locator('[data-testid="monthly-cost"]').getAttribute('data-value');
    await page.locator('[data-testid="users-slider"]').evaluate((el) => {
      el.value = String(Number(el.value) + 0.5);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(
      (was) => document.querySelector('[data-testid="monthly-cost"]')?.getAttribute('data-value') !== was,
      before,
    );
    // Only the failed fetch is an error: no panic, no uncaught exception.
    assert.deepEqual(
      errors.filter((e) => !/split_\w+-[0-9a-f]+\.wasm|ERR_INTERNET_DISCONNECTED|Failed to fetch|failed to load split module/.test(e)),
      [],
    );

    await app.context.unroute('**/split_*.wasm', block);
    await page.locator('[data-testid="part-retry"]').first().click();
    for (const testid of LAZY_PARTS) {
      await page.locator(`[data-testid="${testid}"]`).first().waitFor({ state: 'attached', timeout: 10000 });
    }
    assert.equal(await page.locator('[data-testid="part-error"]').count(), 0, 'every part loaded on one retry');
  } finally {
    await page.close();
  }
});
