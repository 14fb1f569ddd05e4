// Keeping and sharing a scenario: the URL follows edits, a reload keeps the
// scenario, a link opens the exact same figures in a fresh browser, and a
// damaged link shows a banner over a usable page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  HEADLINE_FIGURES,
  figure,
  fragmentOf,
  launchBrowser,
  scenarioOfHash,
  serveDir,
  watchErrors,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serveDir();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(context, path = '') {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
  await figure(page, 'monthly-cost');
  return { page, errors };
}

async function headline(page) {
  const out = {};
  for (const [testid] of HEADLINE_FIGURES) out[testid] = await figure(page, testid);
  return out;
}

/** Waits until the URL carries a scenario link different from `previous`. */
async function linkAfter(page, previous) {
  await page.waitForFunction(
    (prev) => location.hash.startsWith('#s=') && location.hash !== prev,
    previous,
    { timeout: 5000 },
  );
  return page.evaluate(() => location.hash);
}

test('every preset opens from its link with identical figures in a fresh browser', async () => {
  const { page, errors } = await open(browser.context);
  const ids = await page.$$eval('[data-testid=preset-select] option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(ids.length >= 6, `presets: ${ids}`);
  let previous = '';
  for (const id of ids) {
    await page.selectOption('[data-testid=preset-select]', id);
    previous = await linkAfter(page, previous);
    const here = await headline(page);
    const fresh = await launchBrowser();
    try {
      const opened = await open(fresh.context, previous);
      assert.deepEqual(await headline(opened.page), here, `${id} through its link`);
      assert.equal(await opened.page.$('[data-testid=link-error]'), null);
      assert.deepEqual(opened.errors, []);
    } finally {
      await fresh.close();
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a slider move updates the URL and a reload keeps the scenario', async () => {
  const { page, errors } = await open(browser.context);
  const before = await linkAfter(page, '');
  await page.$eval('[data-testid=users-slider]', (el) => {
    el.value = '3.5';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const moved = await linkAfter(page, before);
  const figuresBefore = await headline(page);
  await page.reload({ waitUntil: 'load' });
  await figure(page, 'monthly-cost');
  assert.deepEqual(await headline(page), figuresBefore);
  // Without the link, the browser's saved copy brings the scenario back.
  await page.goto(server.url, { waitUntil: 'load' });
  await figure(page, 'monthly-cost');
  assert.deepEqual(await headline(page), figuresBefore);
  assert.ok(moved.length < 2000, `link length ${moved.length}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('every class of damaged link shows what is wrong over a usable page', async () => {
  // Each: the fragment, and what the banner must say beyond "could not be opened".
  const damaged = {
    'not base64url': ['#s=abc$def', /base64url/],
    truncated: ['#s=7VZNb9swDP0rhs9b4I_Yi', /cut short|corrupt/],
    'not deflate': ['#s=bm90IGRlZmxhdGU', /corrupt|cut short/],
    'hostile text': ['#s=<img src=x onerror=alert(1)>', /base64url/],
    'wrong type': [fragmentOf('{"version":1,"users":"many"}'), /users/],
    'out of range': [fragmentOf('{"version":1,"users":-5,"features":[{"cache_hit_rate":7}]}'), /users/],
    'not JSON': [fragmentOf('{"version":1,'), /not valid JSON/],
    'newer format': [fragmentOf('{"version":99}'), /version/],
    'huge payload': [`#s=${'A'.repeat(210_000)}`, /characters long/],
  };
  for (const [what, [fragment, message]] of Object.entries(damaged)) {
    const fresh = await launchBrowser();
    try {
      const { page, errors } = await open(fresh.context, fragment);
      const banner = await page.waitForSelector('[data-testid=link-error]', { timeout: 5000 });
      const text = await banner.textContent();
      assert.match(text, /could not be opened/, what);
      assert.match(text, message, what);
      assert.equal(await page.$('img[src=x]'), null, `${what}: no HTML from the link`);
      // The page still works: the default scenario is shown.
      assert.ok(Number.isFinite(await figure(page, 'monthly-cost')), what);
      // The damaged link stays in the address bar while the banner shows.
      assert.equal(await page.evaluate(() => decodeURIComponent(location.hash)), fragment, what);
      assert.deepEqual(errors, [], what);
    } finally {
      await fresh.close();
    }
  }
});

test('hostile names in a valid link are shown as text, never as HTML', async () => {
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const scenario = JSON.stringify({
    version: 1,
    name: hostile,
    users: 100,
    features: [{ name: hostile, per_user_per_day: 1, steps: [{ kind: 'flat', name: hostile, price_per_run: 0.01 }] }],
    fixed_costs: [{ name: hostile, kind: 'flat', monthly: 5 }],
  });
  const fresh = await launchBrowser();
  try {
    const { page, errors } = await open(fresh.context, fragmentOf(scenario));
    assert.equal(await page.$('[data-testid=link-error]'), null);
    await page.locator('.scenario-name', { hasText: '<img src=x' }).waitFor({ timeout: 5000 });
    assert.equal(await page.$('img[src=x]'), null);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    // 100 users × 1 action × $0.01 × 30 days + $5 fixed.
    assert.equal(await figure(page, 'monthly-cost'), 35);
    assert.deepEqual(errors, []);
  } finally {
    await fresh.close();
  }
});

test('a browser that refuses storage gets a warning and a working page', async () => {
  const fresh = await launchBrowser();
  try {
    await fresh.context.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const { page, errors } = await open(fresh.context);
    const warning = await page.waitForSelector('[data-testid=storage-warning]', { timeout: 5000 });
    assert.match(await warning.textContent(), /not saving your changes/);
    const before = await figure(page, 'monthly-cost');
    const hashBefore = await linkAfter(page, '');
    await page.$eval('[data-testid=users-slider]', (el) => {
      el.value = '3';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(
      (b) => document.querySelector('[data-testid=monthly-cost]').dataset.value !== String(b),
      before,
    );
    // The link still carries the plan: the edited one, 1,000 users.
    const moved = await linkAfter(page, hashBefore);
    const scenario = scenarioOfHash(moved);
    assert.equal(scenario.users, 1000);
    assert.deepEqual(errors, []);
  } finally {
    await fresh.close();
  }
});
