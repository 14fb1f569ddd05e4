// Keeping work: the list of named scenarios (save, rename, duplicate,
// delete with undo, open with undo), the comparison with a pinned scenario,
// storage that fills up mid-session, and links that carry their catalog
// prices. Each test starts a fresh browser profile, so storage is empty.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  HEADLINE_FIGURES,
  downloadFile,
  evalScenario,
  figure,
  fragmentOf,
  launchBrowser,
  scenarioOfHash,
  serveDir,
  watchErrors,
} from './harness.mjs';

let server;

before(async () => {
  server = await serveDir();
});

after(async () => {
  await server?.close();
});

/** A fresh browser with one page open at `path`, figures on screen. */
async function fresh(path = '', init) {
  const browser = await launchBrowser();
  if (init) await browser.context.addInitScript(init);
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
  await figure(page, 'monthly-cost');
  return { browser, page, errors };
}

const sel = (page, testid) => page.locator(`[data-testid="${testid}"]`);

async function setUsers(page, exponent) {
  const before = await figure(page, 'monthly-cost');
  await sel(page, 'users-slider').evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, exponent);
  await page.waitForFunction(
    (b) => document.querySelector('[data-testid=monthly-cost]').dataset.value !== String(b),
    before,
    { timeout: 5000 },
  );
  return figure(page, 'monthly-cost');
}

async function entryNames(page) {
  return page.$$eval('[data-testid=saved-entry]', (els) => els.map((el) => el.dataset.name));
}

async function saveAs(page, name) {
  await sel(page, 'save-name').fill(name);
  await sel(page, 'save-button').click();
  await page.locator('[data-testid=saved-entry]', { has: page.locator(`text=${name}`) }).first().waitFor();
}

function entry(page, name) {
  return page.locator(`[data-testid=saved-entry][data-name="${name}"]`);
}

async function headline(page) {
  const out = {};
  for (const [testid] of HEADLINE_FIGURES) out[testid] = await figure(page, testid);
  return out;
}

/** Waits until the page shows the headline figures `expected`. */
async function showsFigures(page, expected) {
  await page.waitForFunction(
    (v) => document.querySelector('[data-testid=monthly-cost]').dataset.value === String(v),
    expected['monthly-cost'],
  );
  assert.deepEqual(await headline(page), expected);
}

test('named scenarios: save, rename, duplicate, delete and undo, open and undo, reload', async () => {
  const { browser, page, errors } = await fresh();
  try {
    await saveAs(page, 'Plan A');
    const planA = await headline(page);
    await setUsers(page, 4);
    await saveAs(page, 'Plan B');
    const planB = await headline(page);
    assert.deepEqual(await entryNames(page), ['Plan A', 'Plan B']);

    // Saving under a taken name replaces that entry.
    await sel(page, 'save-name').fill('Plan B');
    assert.equal(await sel(page, 'save-button').textContent(), 'Replace');

    // Rename: a taken name is refused with the field named, a free one taken.
    await entry(page, 'Plan B').locator('[data-testid=saved-rename]').click();
    await sel(page, 'saved-rename-input').fill('Plan A');
    await sel(page, 'saved-rename-save').click();
    assert.match(await sel(page, 'saved-error').textContent(), /name: “Plan A” is already taken/);
    await sel(page, 'saved-rename-input').fill('Plan Big');
    await sel(page, 'saved-rename-save').click();
    await entry(page, 'Plan Big').waitFor();

    // Duplicate lands next to the original.
    await entry(page, 'Plan A').locator('[data-testid=saved-duplicate]').click();
    await entry(page, 'Plan A (copy)').waitFor();
    assert.deepEqual(await entryNames(page), ['Plan A', 'Plan A (copy)', 'Plan Big']);

    // Delete, then undo.
    await entry(page, 'Plan A (copy)').locator('[data-testid=saved-delete]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=saved-entry]').length === 2);
    await sel(page, 'saved-undo').click();
    await entry(page, 'Plan A (copy)').waitFor();
    assert.deepEqual(await entryNames(page), ['Plan A', 'Plan A (copy)', 'Plan Big']);

    // Open replaces the scenario with the saved figures; Undo brings back
    // what was on screen.
    await entry(page, 'Plan A').locator('[data-testid=saved-open]').click();
    await sel(page, 'notice').waitFor();
    assert.deepEqual(await headline(page), planA);
    assert.match(await sel(page, 'notice').textContent(), /Opened “Plan A”/);
    await sel(page, 'notice-undo').click();
    await showsFigures(page, planB);

    // The list survives a reload.
    await page.reload({ waitUntil: 'load' });
    await figure(page, 'monthly-cost');
    await entry(page, 'Plan Big').waitFor();
    assert.deepEqual(await entryNames(page), ['Plan A', 'Plan A (copy)', 'Plan Big']);
    await entry(page, 'Plan Big').locator('[data-testid=saved-open]').click();
    await sel(page, 'notice').waitFor();
    assert.deepEqual(await headline(page), planB);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('compare: a pinned scenario beside the current one, on the spend chart too', async () => {
  const { browser, page, errors } = await fresh();
  try {
    const pinnedFigures = await headline(page);
    await sel(page, 'pin-compare').click();
    await sel(page, 'compare-panel').waitFor();
    const chartBefore = await sel(page, 'spend-chart').getAttribute('aria-label');
    assert.match(chartBefore ?? '', /pinned scenario costs/);
    await setUsers(page, 4.5);
    const current = await headline(page);
    const rows = await page.$$eval('[data-testid=compare-row]', (els) =>
      els.map((el) => ({ ...el.dataset, text: el.textContent })),
    );
    assert.equal(rows.length, 8);
    for (const row of rows) {
      const pinned = row.pinned === '' ? null : Number(row.pinned);
      const now = row.current === '' ? null : Number(row.current);
      assert.equal(pinned, pinnedFigures[row.figure], `${row.figure} pinned`);
      assert.equal(now, current[row.figure], `${row.figure} current`);
      if (pinned !== null && now !== null) {
        assert.equal(Number(row.difference), now - pinned, `${row.figure} difference`);
      }
    }
    const cost = rows.find((r) => r.figure === 'monthly-cost');
    assert.match(cost.text, /\+\$[\d,.]+ \(\+[\d,.]+%\)/);
    // The exported spend chart carries the comparison too.
    const svg = (await downloadFile(page, 'export-spend-svg')).bytes.toString('utf8');
    assert.ok(svg.includes('Pinned: Coaching chat with reel transcriber'), 'the pinned line in the SVG legend');

    // The pinned scenario is kept across a reload, then unpinned.
    await page.reload({ waitUntil: 'load' });
    await sel(page, 'compare-panel').waitFor();
    await sel(page, 'compare-unpin').click();
    await sel(page, 'compare-panel').waitFor({ state: 'detached' });
    await page.reload({ waitUntil: 'load' });
    await figure(page, 'monthly-cost');
    assert.equal(await sel(page, 'compare-panel').count(), 0);

    // A saved scenario can be the one compared with.
    await saveAs(page, 'Big plan');
    await setUsers(page, 2);
    await entry(page, 'Big plan').locator('[data-testid=saved-compare]').click();
    await sel(page, 'compare-panel').waitFor();
    await page.locator('.compare h2', { hasText: 'Big plan' }).waitFor();
    const pinnedCost = await page.$eval(
      '[data-testid=compare-row][data-figure=monthly-cost]',
      (el) => Number(el.dataset.pinned),
    );
    assert.equal(pinnedCost, current['monthly-cost']);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('storage that fills up mid-session is reported, and nothing claims to be saved', async () => {
  const { browser, page, errors } = await fresh();
  try {
    assert.equal(await sel(page, 'storage-warning').count(), 0);
    await page.evaluate(() => {
      window.__setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await setUsers(page, 3);
    await sel(page, 'storage-warning').waitFor({ timeout: 5000 });
    assert.match(await sel(page, 'storage-warning').textContent(), /not saving your changes/);
    await sel(page, 'save-name').fill('Will not fit');
    await sel(page, 'save-button').click();
    assert.match(await sel(page, 'saved-error').textContent(), /did not save the change.*quota/i);
    assert.equal(await sel(page, 'saved-entry').count(), 0);
    // Room again: the next change is saved and the warning goes.
    await page.evaluate(() => {
      Storage.prototype.setItem = window.__setItem;
    });
    await setUsers(page, 3.3);
    await sel(page, 'storage-warning').waitFor({ state: 'detached', timeout: 5000 });
    // The quota error is logged as a warning, not an error.
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

/**
 * Lets a test hold the address bar: while `window.__holdUrl` is true the
 * page's URL updates fail (as if they had not happened yet).
 */
const HOLDABLE_URL = () => {
  const replace = History.prototype.replaceState;
  History.prototype.replaceState = function (...args) {
    if (window.__holdUrl) throw new DOMException('held by the test', 'SecurityError');
    return replace.apply(this, args);
  };
};

test('a reload right after an edit keeps the edit, not the older link in the URL', async () => {
  const { browser, page, errors } = await fresh('', HOLDABLE_URL);
  try {
    await page.waitForFunction(() => location.hash.startsWith('#s='));
    await page.waitForTimeout(400);
    const older = await page.evaluate(() => location.hash);
    await page.evaluate(() => {
      window.__holdUrl = true;
    });
    await setUsers(page, 5.5);
    const latest = await headline(page);
    await page.waitForTimeout(400);
    // The address bar still has the page's own older link.
    assert.equal(await page.evaluate(() => location.hash), older);
    await page.reload({ waitUntil: 'load' });
    await figure(page, 'monthly-cost');
    assert.deepEqual(await headline(page), latest);
    assert.equal(await sel(page, 'saved-entry').count(), 0, 'nothing to keep aside');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a reload that took the URL just before the last update still shows the newest save', async () => {
  const { browser, page, errors } = await fresh();
  try {
    await page.waitForFunction(() => location.hash.startsWith('#s='));
    const older = await page.evaluate(() => location.hash);
    await setUsers(page, 5.1);
    const latest = await headline(page);
    await page.waitForFunction((h) => location.hash !== h, older);
    // As when the URL update lands while a reload of the older URL is on
    // its way: the page loads with the page's own previous link.
    const tab = await browser.context.newPage();
    const tabErrors = watchErrors(tab);
    await tab.goto(new URL(older, server.url).href, { waitUntil: 'load' });
    await figure(tab, 'monthly-cost');
    assert.deepEqual(await headline(tab), latest);
    assert.equal(await sel(tab, 'saved-entry').count(), 0, 'nothing stashed');
    assert.deepEqual(tabErrors, []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('an edit reloaded away before its 300 ms write is kept', async () => {
  const { browser, page, errors } = await fresh();
  try {
    await page.waitForFunction(() => location.hash.startsWith('#s='));
    await page.waitForTimeout(400);
    await sel(page, 'users-slider').evaluate((el) => {
      el.value = '6.2';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const cost = await figure(page, 'monthly-cost');
    await page.reload({ waitUntil: 'load' });
    await figure(page, 'monthly-cost');
    assert.equal(await figure(page, 'monthly-cost'), cost);
    assert.equal(await sel(page, 'saved-entry').count(), 0, 'nothing to keep aside');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('when only the scenario could not be saved, a reload opens the newer link', async () => {
  const { browser, page, errors } = await fresh();
  try {
    await page.waitForFunction(() => location.hash.startsWith('#s='));
    await page.waitForTimeout(400);
    // Storage takes small records but not the scenario itself.
    await page.evaluate(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key === 'burnrate.current') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return set.call(this, key, value);
      };
    });
    const before = await page.evaluate(() => location.hash);
    await setUsers(page, 4.8);
    const latest = await headline(page);
    await page.waitForFunction((b) => location.hash !== b, before);
    await page.reload({ waitUntil: 'load' });
    await figure(page, 'monthly-cost');
    assert.deepEqual(await headline(page), latest, 'the link in the address bar, not the older stored copy');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('Undo survives pinning and can be undone itself', async () => {
  const { browser, page, errors } = await fresh();
  try {
    await setUsers(page, 5);
    const mine = await headline(page);
    await page.selectOption('[data-testid=preset-select]', 'inbox-classifier');
    await sel(page, 'notice-undo').waitFor();
    const inbox = await headline(page);
    await sel(page, 'pin-compare').click();
    await sel(page, 'compare-panel').waitFor();
    assert.match(await sel(page, 'notice-undo').textContent(), /Back to “Coaching chat with reel transcriber”/);
    await sel(page, 'notice-undo').click();
    await showsFigures(page, mine);
    // Going back offers the way forward again.
    assert.match(await sel(page, 'notice-undo').textContent(), /Back to “Inbox/);
    await sel(page, 'notice-undo').click();
    await showsFigures(page, inbox);
    // The same preset can be opened again from the picker.
    await setUsers(page, 2);
    await page.selectOption('[data-testid=preset-select]', 'inbox-classifier');
    await showsFigures(page, inbox);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a link pasted into the open page opens, with Undo', async () => {
  const { browser, page, errors } = await fresh();
  try {
    const mine = await headline(page);
    await page.evaluate((h) => {
      location.hash = h;
    }, fragmentOf('{"version":1,"name":"Pasted","users":10,"features":[{"name":"f","per_user_per_day":1,"steps":[{"kind":"flat","price_per_run":1}]}]}'));
    await page.waitForFunction(() => document.querySelector('[data-testid=monthly-cost]').dataset.value === '300');
    assert.match(await sel(page, 'notice').textContent(), /“Pasted” from the link/);
    await sel(page, 'notice-undo').click();
    await showsFigures(page, mine);
    // A damaged one shows the banner and leaves the scenario alone.
    await page.evaluate(() => {
      location.hash = '#s=abc$def';
    });
    await sel(page, 'link-error').waitFor();
    assert.deepEqual(await headline(page), mine);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('two tabs share one saved list, and an opened entry is saved back under its name', async () => {
  const { browser, page, errors } = await fresh();
  try {
    const other = await browser.context.newPage();
    await other.goto(server.url);
    await figure(other, 'monthly-cost');
    await saveAs(other, 'From tab B');
    // Tab A sees it without a reload, and its own save keeps it.
    await entry(page, 'From tab B').waitFor();
    await saveAs(page, 'From tab A');
    assert.deepEqual(await entryNames(page), ['From tab B', 'From tab A']);
    await other.close();

    // Renaming one entry, then duplicating another, renames nothing by mistake.
    await entry(page, 'From tab A').locator('[data-testid=saved-rename]').click();
    await entry(page, 'From tab B').locator('[data-testid=saved-duplicate]').click();
    await entry(page, 'From tab B (copy)').waitFor();
    assert.equal(await sel(page, 'saved-rename-input').count(), 0);

    // Opening an entry puts its name in the box: Save goes back into it.
    await entry(page, 'From tab B (copy)').locator('[data-testid=saved-open]').click();
    assert.equal(await sel(page, 'save-name').inputValue(), 'From tab B (copy)');
    const original = await headline(page);
    await setUsers(page, 3.9);
    const edited = await headline(page);
    await sel(page, 'save-button').click();
    await page.locator('[data-testid=saved-status]', { hasText: 'Replaced “From tab B (copy)”' }).waitFor();
    await entry(page, 'From tab A').locator('[data-testid=saved-open]').click();
    await entry(page, 'From tab B (copy)').locator('[data-testid=saved-open]').click();
    await showsFigures(page, edited);
    // And the replace can be undone.
    await sel(page, 'saved-undo').click();
    await entry(page, 'From tab A').locator('[data-testid=saved-open]').click();
    await entry(page, 'From tab B (copy)').locator('[data-testid=saved-open]').click();
    await showsFigures(page, original);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('opening a link keeps the scenario the browser had in the saved list', async () => {
  const { browser, page, errors } = await fresh();
  try {
    await setUsers(page, 4.2);
    const mine = await headline(page);
    await page.waitForTimeout(400);
    // A link opened in a new tab of the same browser.
    const other = fragmentOf('{"version":1,"name":"From a colleague","users":10}');
    const tab = await browser.context.newPage();
    const tabErrors = watchErrors(tab);
    await tab.goto(new URL(other, server.url).href, { waitUntil: 'load' });
    await sel(tab, 'notice').waitFor();
    assert.match(await sel(tab, 'notice').textContent(), /is kept in Saved scenarios/);
    const names = await entryNames(tab);
    assert.equal(names.length, 1);
    assert.match(names[0], /\(before a link, \d{4}-\d\d-\d\d \d\d:\d\d\)$/);
    await tab.locator('[data-testid=saved-open]').click();
    await showsFigures(tab, mine);
    await tab.waitForFunction((h) => location.hash !== h, other);
    // A link pasted into the open tab keeps what it replaces too.
    await tab.evaluate((h) => {
      location.hash = h;
    }, other);
    await tab.locator('[data-testid=notice]', { hasText: 'from the link' }).waitFor();
    assert.match(await sel(tab, 'notice').textContent(), /is in Saved scenarios|is kept in Saved scenarios/);
    assert.equal(await figure(tab, 'monthly-cost'), 0);
    assert.deepEqual(tabErrors, []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('links carry their catalog prices and keep them after the catalog moves on', async () => {
  const { browser, page, errors } = await fresh();
  try {
    await page.waitForFunction(() => location.hash.startsWith('#s='));
    const linked = scenarioOfHash(await page.evaluate(() => location.hash));
    assert.match(linked.catalog, /^litellm-/);
    assert.ok(
      linked.custom_models.some((m) => m.id === linked.default_model),
      'the default model travels with its prices',
    );

    // A link made with an older catalog, in which gpt-4o-mini cost more.
    const old = {
      version: 1,
      name: 'Made last year',
      catalog: 'litellm-0.0.1',
      users: 1000,
      default_model: 'gpt-4o-mini',
      custom_models: [
        { id: 'gpt-4o-mini', provider: 'openai', input_per_mtok: 0.3, output_per_mtok: 1.2 },
      ],
      features: [{ name: 'Chat', per_user_per_day: 5, steps: [{ model: 'default', input_tokens: 800, output_tokens: 300 }] }],
    };
    const expected = await evalScenario(old);
    const second = await fresh(fragmentOf(JSON.stringify(old)));
    try {
      await sel(second.page, 'notice').waitFor();
      const notice = await sel(second.page, 'notice').textContent();
      assert.match(notice, /litellm-0\.0\.1/);
      assert.match(notice, /gpt-4o-mini/);
      assert.equal(await figure(second.page, 'monthly-cost'), expected.monthly_cost);
      assert.deepEqual(second.errors, []);
    } finally {
      await second.browser.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('an unreadable saved list is kept aside, not overwritten', async () => {
  const { browser, page, errors } = await fresh('', () => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('burnrate.saved', '{"version":1,"entries":[{"name":');
    }
  });
  try {
    await sel(page, 'notice').waitFor();
    assert.match(await sel(page, 'notice').textContent(), /saved scenarios could not be read/);
    const aside = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('burnrate.saved.unreadable.')),
    );
    assert.equal(aside.length, 1);
    assert.equal(
      await page.evaluate((k) => localStorage.getItem(k), aside[0]),
      '{"version":1,"entries":[{"name":',
    );
    await saveAs(page, 'Fresh start');
    assert.deepEqual(await entryNames(page), ['Fresh start']);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
