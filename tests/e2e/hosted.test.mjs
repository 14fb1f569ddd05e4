// The hosted page, as a static host serves the release build (dist/) under a
// sub-path (tests/e2e/hosted-server.mjs, GitHub Pages' headers):
//
// - it runs from /burnrate/, a share link to it opens the same figures, and
//   "Copy link" gives the sub-path's address;
// - its Content-Security-Policy allows no inline script but Trunk's hashed
//   loader, and a tour of the whole page (every panel, control, export,
//   clipboard, import, editor) raises no violation, while an injected inline
//   script and style element do;
// - after one visit it loads and computes with no network at all;
// - a new release (a second build with other file hashes) replaces the
//   cached one whole: the page is the new release at once, no file of the
//   old one is fetched, and once the old tab is gone only the new release's
//   cache is left, offline too;
// - link-preview tags and icons are there and are what they claim;
// - when the wasm cannot load, or the browser has no WebAssembly, the page
//   says so instead of staying blank;
// - the precompressed .gz and .br files hold exactly their file's bytes.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import {
  DIST,
  ROOT,
  downloadFile,
  evalScenario,
  fragmentOf,
  launchBrowser,
  presetReport,
  presetScenario,
  setRange,
  waitForFigures,
  watchErrors,
} from './harness.mjs';
import { serveSite } from './hosted-server.mjs';

const execFileAsync = promisify(execFile);
const BASE = '/burnrate/';
const FIGURE = '[data-testid="monthly-cost"][data-value]:not([data-value=""])';

const temps = [];
after(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** The site's files (paths relative to its root), without the precompressed copies. */
async function filesOf(dir) {
  const out = new Set();
  for await (const path of walk(dir)) {
    if (!/\.(br|gz)$/.test(path)) out.add(relative(dir, path).split(sep).join('/'));
  }
  return out;
}

// Installed before any page script: every CSP violation the page sees.
const CSP_WATCH = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const where = e.target instanceof Element ? ` on ${e.target.outerHTML.slice(0, 120)}` : '';
    window.__violations.push(
      `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sample}) at ${e.sourceFile}:${e.lineNumber}${where}`,
    );
  });
};

/**
 * Opens `url` in `context`; resolves to { page, errors, csp } once the first
 * key figure has a value (unless `wait` is false). `csp` collects console
 * messages about the policy; `errors` every console error, page error and
 * failed request (harness.watchErrors).
 */
async function openHosted(context, url, { wait = true, init } = {}) {
  const page = await context.newPage();
  await page.addInitScript(CSP_WATCH);
  if (init) await page.addInitScript(init);
  const errors = watchErrors(page);
  const csp = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) csp.push(msg.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  if (wait) await page.locator(FIGURE).waitFor({ timeout: 20000 });
  return { page, errors, csp };
}

const violations = (page) => page.evaluate(() => window.__violations);

/**
 * Polls `fn(arg)` in `page` (it may be async: page.waitForFunction would take
 * its promise for a truthy answer) until it returns true; fails with `what`
 * and the last answer of `show(arg)` after `timeout` ms.
 */
async function until(page, fn, arg, what, { timeout = 20000, show } = {}) {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > deadline) {
      assert.fail(`${what}${show ? `: ${JSON.stringify(await page.evaluate(show, arg))}` : ''}`);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** The service worker registration of `scope` as seen from a page: its workers' states and the caches. */
async function workerState(scope) {
  const r = await navigator.serviceWorker.getRegistration(scope);
  return {
    active: r?.active?.state ?? null,
    waiting: r?.waiting?.state ?? null,
    installing: r?.installing?.state ?? null,
    caches: await self.caches.keys(),
  };
}

/** Resolves once the page is controlled by the site's service worker. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
}

/** The test release marker of the page (null on the real build). */
const releaseOf = (page) =>
  page.evaluate(() => document.querySelector('meta[name="burnrate:release"]')?.getAttribute('content') ?? null);

async function postBuild(dir, env = {}) {
  return execFileAsync(process.execPath, [join(ROOT, 'scripts', 'post-build.mjs'), dir, '--no-precompress'], {
    env: { ...process.env, ...env },
  });
}

/** A copy of `dir` without its precompressed files, in a fresh temporary directory. */
async function copySite(dir, label) {
  const copy = await mkdtemp(join(tmpdir(), `burnrate-${label}-`));
  temps.push(copy);
  await cp(dir, copy, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) });
  return copy;
}

/**
 * A second release made from dist/ the way a new build differs from the last:
 * every content-hashed file gets a new hash in its name, every reference to it
 * follows, the page's integrity attributes are recomputed, the page carries a
 * marker (<meta name="burnrate:release" content="2">), and the post-build step
 * runs again (new policy hash, new worker with its own file list).
 */
async function secondRelease() {
  const dir = await copySite(DIST, 'release-2');
  const renames = new Map();
  for await (const path of walk(dir)) {
    const m = basename(path).match(/^(.*-)([0-9a-f]{8,16})((?:_bg)?\.(?:js|wasm|css))$/);
    if (!m) continue;
    const next = `${m[1]}${createHash('sha256').update(`${m[2]} release 2`).digest('hex').slice(0, 16)}${m[3]}`;
    renames.set(basename(path), next);
    await rename(path, join(path, '..', next));
  }
  assert.ok(renames.size >= 3, `dist/ has content-hashed files: ${[...renames.keys()]}`);
  for await (const path of walk(dir)) {
    if (!['.html', '.js', '.css'].includes(extname(path))) continue;
    const text = await readFile(path, 'utf8');
    let next = text;
    for (const [from, to] of renames) next = next.replaceAll(from, to);
    if (next !== text) await writeFile(path, next);
  }
  const indexPath = join(dir, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  const tags = [...html.matchAll(/<(?:link|script)\b[^>]*\bintegrity\s*=[^>]*>/gi)];
  for (const [tag] of tags.reverse()) {
    const ref = /\b(?:href|src)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i.exec(tag)[1].replace(/^["']|["']$/g, '');
    const digest = createHash('sha384').update(await readFile(join(dir, ref))).digest('base64');
    const fixed = tag.replace(/\bintegrity\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, `integrity="sha384-${digest}"`);
    html = html.replace(tag, fixed);
  }
  html = html.replace(/<meta charset[^>]*>/i, (m) => `${m}<meta name="burnrate:release" content="2">`);
  await writeFile(indexPath, html);
  await postBuild(dir);
  return dir;
}

let site;

before(async () => {
  site = await serveSite({ dir: DIST, base: BASE });
});

after(async () => {
  await site?.close();
});

test('the release build runs from a sub-path, share links and Copy link included', async () => {
  const browser = await launchBrowser();
  try {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    // The address without its slash is redirected, as GitHub Pages does.
    const first = await openHosted(browser.context, site.origin + BASE.slice(0, -1));
    assert.equal(new URL(first.page.url()).pathname, BASE);
    assert.deepEqual(await waitForFigures(first.page, await presetReport('coaching-chat')), []);
    assert.equal(await first.page.locator('#boot-failed').isHidden(), true);

    const scenario = await presetScenario('marketing-posts');
    const report = await evalScenario(scenario);
    const shared = await openHosted(browser.context, site.url + fragmentOf(JSON.stringify(scenario)));
    assert.deepEqual(await waitForFigures(shared.page, report), []);

    await shared.page.locator('[data-testid="copy-link"]').click();
    await shared.page.locator('[data-testid="share-status"]', { hasText: 'Link copied' }).waitFor({ timeout: 5000 });
    const copied = await shared.page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith(`${site.url}#s=`), `the copied link is under the sub-path: ${copied}`);
    const reopened = await openHosted(browser.context, copied);
    assert.deepEqual(await waitForFigures(reopened.page, report), []);

    const stray = site.requests.filter((r) => !r.path.startsWith(BASE) && r.path !== BASE.slice(0, -1));
    assert.deepEqual(stray, [], 'every request stays under the sub-path');
    const failed = site.requests.filter((r) => r.status >= 400);
    assert.deepEqual(failed, [], 'every request finds its file');
    const wasm = site.requests.find((r) => r.path.endsWith('.wasm'));
    assert.equal(wasm?.encoding, 'br', 'the precompressed wasm is what the host sends');
    for (const { errors } of [first, shared, reopened]) assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the Content-Security-Policy is strict, and a tour of the whole page raises no violation', async () => {
  const html = await (await fetch(site.url)).text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'the page carries its policy');
  assert.ok(html.indexOf(meta[0]) < html.indexOf('<script'), 'the policy comes before every script');
  const directives = new Map(
    meta[1].split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  const scriptSrc = directives.get('script-src');
  assert.ok(scriptSrc.includes("'wasm-unsafe-eval'"), meta[1]);
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'blob:']) {
    assert.ok(!scriptSrc.includes(unsafe), `script-src has no ${unsafe}`);
    assert.ok(!directives.get('style-src').includes(unsafe), `style-src has no ${unsafe}`);
    assert.ok(!(directives.get('style-src-elem') ?? []).includes(unsafe), `style-src-elem has no ${unsafe}`);
  }
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)];
  assert.ok(inline.length >= 1, "Trunk's loader is inline");
  for (const [, body] of inline) {
    const hash = `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
    assert.ok(scriptSrc.includes(hash), `the policy allows the inline script by its hash ${hash}`);
  }

  const browser = await launchBrowser();
  try {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    const { page, errors, csp } = await openHosted(browser.context, site.url);
    const sel = (testid) => page.locator(`[data-testid="${testid}"]`);

    // Every panel on screen (the charts draw, the held panels render).
    for (const target of ['spend-chart', 'breakdown-chart', 'projection-chart', 'projection-table']) {
      await sel(target).scrollIntoViewIfNeeded();
    }
    await page.locator('#edit-users').scrollIntoViewIfNeeded();
    await page.locator('.catalog-note').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));

    // The quick controls, the breakdown switch, the budget fields.
    await setRange(page, 'users-slider', 3.4);
    await setRange(page, 'volume-slider', 1.5);
    await setRange(page, 'cache-slider', 0.2);
    const models = await sel('model-select').locator('option').evaluateAll((os) => os.map((o) => o.value));
    await sel('model-select').selectOption(models[1]);
    await page.getByRole('button', { name: 'By vendor' }).click();
    await page.locator('#budget-monthly_cap').fill('500');
    await page.locator('#budget-monthly_cap').press('Enter');

    // A preset with a limit to clear: the capacity panel's advice, applied and undone.
    await sel('preset-select').selectOption('marketing-posts');
    await page.locator('.scenario-name', { hasText: 'Marketing' }).waitFor({ timeout: 5000 });
    if (await sel('apply-advice').count()) {
      await sel('apply-advice').click();
      await sel('notice-undo').click();
    }

    // The editor.
    await page.locator('#edit-users').fill('250');
    await page.locator('#edit-users').press('Tab');
    await page.locator('#edit-users').scrollIntoViewIfNeeded();

    // Saved scenarios and the comparison.
    await sel('save-name').fill('CSP tour');
    await sel('save-button').click();
    await sel('saved-entry').first().waitFor({ timeout: 5000 });
    await sel('pin-compare').click();
    await sel('compare-panel').waitFor({ timeout: 5000 });
    await sel('compare-unpin').click();

    // Clipboard.
    await sel('copy-link').click();
    await page.locator('[data-testid="share-status"]', { hasText: 'Link copied' }).waitFor({ timeout: 5000 });
    await sel('copy-summary').click();
    await page.locator('[data-testid="share-status"]', { hasText: 'Summary copied' }).waitFor({ timeout: 5000 });
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^\| Scenario \|/);

    // Every download of the Export menu.
    await sel('export-menu').click();
    const downloads = await page
      .locator('.export-menu-items [data-testid^="export-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    assert.ok(downloads.length >= 10, `the Export menu offers its downloads: ${downloads}`);
    let json;
    for (const id of downloads) {
      const file = await downloadFile(page, id);
      assert.ok(file.bytes.length > 0, `${id} downloads a file`);
      if (id === 'export-json') json = file.bytes;
    }

    // Import the exported scenario back.
    await sel('import-input').setInputFiles({ name: 'tour.json', mimeType: 'application/json', buffer: json });
    await sel('notice').first().waitFor({ timeout: 5000 });

    assert.deepEqual(await violations(page), [], 'no policy violation during the tour');
    assert.deepEqual(csp, [], 'no console message about the policy');
    assert.deepEqual(errors, []);

    // The watch itself works: what the policy forbids is reported.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.append(script);
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red }';
      document.head.append(style);
    });
    await page.waitForFunction(() => window.__violations.length >= 2, null, { timeout: 5000 });
    assert.equal(await page.evaluate(() => window.__inlineRan ?? false), false, 'an inline script does not run');
    const seen = await violations(page);
    assert.ok(seen.some((v) => v.startsWith('script-src')), seen.join('; '));
    assert.ok(seen.some((v) => v.startsWith('style-src-elem')), seen.join('; '));
  } finally {
    await browser.close();
  }
});

test('after one visit the page loads and computes with no network', async () => {
  const own = await serveSite({ dir: DIST, base: BASE });
  const browser = await launchBrowser();
  let closed = false;
  try {
    const { page } = await openHosted(browser.context, own.url);
    await controlled(page);

    await browser.context.setOffline(true);
    await own.close();
    closed = true;

    await page.reload({ waitUntil: 'load' });
    await page.locator(FIGURE).waitFor({ timeout: 20000 });
    assert.deepEqual(await waitForFigures(page, await presetReport('coaching-chat')), []);

    // A share link opened offline computes its own figures.
    const scenario = await presetScenario('inbox-classifier');
    const offline = await openHosted(browser.context, own.url + fragmentOf(JSON.stringify(scenario)));
    assert.deepEqual(await waitForFigures(offline.page, await evalScenario(scenario)), []);
    // So do the controls and the exports.
    const before = await offline.page.locator('[data-testid="monthly-cost"]').getAttribute('data-value');
    await setRange(offline.page, 'users-slider', 4.2);
    await offline.page.waitForFunction(
      (b) => document.querySelector('[data-testid="monthly-cost"]').getAttribute('data-value') !== b,
      before,
      { timeout: 5000 },
    );
    const csv = await downloadFile(offline.page, 'export-spend-csv');
    assert.ok(csv.bytes.length > 0);
    assert.equal(await offline.page.locator('#boot-failed').isHidden(), true);
    assert.deepEqual(offline.errors, []);
  } finally {
    await browser.close();
    if (!closed) await own.close();
  }
});

test('a new release replaces the cached one whole, and its old cache goes', async () => {
  const next = await secondRelease();
  const v1 = await filesOf(DIST);
  const v2 = await filesOf(next);
  const nextId = /"id":"([0-9a-f]+)"/.exec(await readFile(join(next, 'sw.js'), 'utf8'))[1];
  const own = await serveSite({ dir: DIST, base: BASE });
  const browser = await launchBrowser();
  let closed = false;
  try {
    const first = await openHosted(browser.context, own.url);
    await controlled(first.page);
    assert.equal(await releaseOf(first.page), null);

    // Deploy the second release; the open tab reloads while online.
    own.setDir(next);
    const fetched = [];
    first.page.on('request', (r) => fetched.push(basename(new URL(r.url()).pathname)));
    await first.page.reload({ waitUntil: 'load' });
    await first.page.locator(FIGURE).waitFor({ timeout: 20000 });
    assert.equal(await releaseOf(first.page), '2', 'an online visit gets the new release at once');
    const assets = fetched.filter((name) => /\.(js|wasm|css)$/.test(name) && name !== 'sw.js');
    assert.ok(assets.length >= 3, `the page loads its files: ${assets}`);
    for (const name of assets) {
      assert.ok(v2.has(name) && !v1.has(name), `${name} is a file of the new release only`);
    }
    assert.deepEqual(await waitForFigures(first.page, await presetReport('coaching-chat')), []);
    assert.deepEqual(first.errors, []);

    // The new worker installs beside the old one, which keeps serving until
    // its last tab is gone.
    await until(
      first.page,
      async (scope) => (await navigator.serviceWorker.getRegistration(scope))?.waiting?.state === 'installed',
      own.url,
      "the new release's worker installs and waits",
      { show: workerState },
    );
    assert.equal((await first.page.evaluate(workerState, own.url)).caches.length, 2, 'both releases are cached');
    await first.page.close();

    // From a page of the same origin outside the worker's scope (not one of its tabs).
    const probe = await browser.context.newPage();
    await probe.goto(`${own.origin}/elsewhere`);
    // The worker objects do not say which release they are (both are sw.js):
    // wait until one worker is left, activated, beside one cache.
    await until(
      probe,
      async (scope) => {
        const r = await navigator.serviceWorker.getRegistration(scope);
        const left = (await self.caches.keys()).length;
        return !r?.waiting && !r?.installing && r?.active?.state === 'activated' && left === 1;
      },
      own.url,
      "the new release's worker takes over alone once the old release's tab is gone",
      { show: workerState },
    );
    const caches = await probe.evaluate(async () => {
      const out = {};
      for (const name of await self.caches.keys()) {
        const cache = await self.caches.open(name);
        out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
      }
      return out;
    });
    assert.deepEqual(Object.keys(caches), [`burnrate ${own.url} ${nextId}`], 'only the new release is cached');
    const cached = Object.values(caches)[0].map((p) => p.slice(BASE.length));
    for (const name of cached) assert.ok(v2.has(name), `${name} belongs to the new release`);
    assert.ok(cached.includes('index.html'));
    for (const name of v2) {
      if (/\.(js|wasm|css)$/.test(name) && name !== 'sw.js') assert.ok(cached.includes(name), `${name} is cached`);
    }
    await probe.close();

    // And offline it is the new release that opens.
    await browser.context.setOffline(true);
    await own.close();
    closed = true;
    const offline = await openHosted(browser.context, own.url);
    assert.equal(await releaseOf(offline.page), '2');
    assert.deepEqual(await waitForFigures(offline.page, await presetReport('coaching-chat')), []);
    assert.deepEqual(offline.errors, []);
  } finally {
    await browser.close();
    if (!closed) await own.close();
  }
});

test('link previews and icons: the tags are there and point at real images of the stated size', async () => {
  const html = await (await fetch(site.url)).text();
  const metas = new Map();
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/g)) {
    const attr = (name) => new RegExp(`\\b${name}=("[^"]*"|[^\\s>]+)`).exec(tag)?.[1].replace(/^"|"$/g, '');
    const key = attr('property') ?? attr('name');
    if (key) metas.set(key, attr('content'));
  }
  assert.match(/<title>([^<]+)<\/title>/.exec(html)?.[1] ?? '', /Burnrate/);
  for (const key of ['description', 'og:title', 'og:description', 'og:image', 'og:image:alt', 'og:type']) {
    assert.ok((metas.get(key) ?? '').length > 0, `${key} is set`);
  }
  assert.equal(metas.get('twitter:card'), 'summary_large_image');

  /** Width and height of a PNG (its IHDR chunk). */
  const pngSize = (bytes) => {
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  };
  const get = async (href) => {
    const response = await fetch(new URL(href, site.url));
    assert.equal(response.status, 200, href);
    return Buffer.from(await response.arrayBuffer());
  };
  const image = await get(metas.get('og:image'));
  assert.deepEqual(pngSize(image), [Number(metas.get('og:image:width')), Number(metas.get('og:image:height'))]);
  assert.deepEqual(pngSize(image), [1200, 630]);

  const links = [...html.matchAll(/<link\b[^>]*>/g)].map(([tag]) => tag);
  const href = (rel, extra = '') =>
    links
      .find((t) => new RegExp(`\\brel=("?)${rel}\\1[\\s>]`).test(t) && t.includes(extra))
      ?.match(/\bhref=("[^"]*"|[^\s>]+)/)?.[1]
      .replace(/^"|"$/g, '');
  assert.deepEqual(pngSize(await get(href('apple-touch-icon'))), [180, 180]);
  assert.match((await get(href('icon', 'svg'))).toString('utf8'), /<svg\b/);
  const ico = await get(href('icon', '32x32'));
  assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, 1], 'an ICO with one image');
  assert.deepEqual(pngSize(ico.subarray(ico.readUInt32LE(18))), [32, 32]);

  // With the site's address known at build time, the preview image's address is absolute.
  const copy = await copySite(DIST, 'site-url');
  await postBuild(copy, { BURNRATE_SITE_URL: 'https://example.org/burnrate' });
  const built = await readFile(join(copy, 'index.html'), 'utf8');
  assert.match(built, /<meta property="og:image" content="https:\/\/example\.org\/burnrate\/social-preview\.png">/);
  assert.match(built, /<meta property="og:url" content="https:\/\/example\.org\/burnrate\/">/);
});

test('when the wasm cannot load, or there is no WebAssembly, the page says so instead of staying blank', async () => {
  const browser = await launchBrowser({ serviceWorkers: 'block' });
  try {
    const blocked = await browser.context.newPage();
    await blocked.route('**/*.wasm', (route) => route.abort());
    await blocked.goto(site.url);
    const box = blocked.locator('#boot-failed');
    await box.waitFor({ state: 'visible', timeout: 10000 });
    assert.match(await box.textContent(), /did not load/);
    assert.equal(await blocked.locator('[data-reason="no-wasm"]').isHidden(), true);
    assert.equal(await blocked.locator('[data-testid="monthly-cost"]').count(), 0);
    // Its button reloads the page.
    await Promise.all([blocked.waitForEvent('load'), blocked.locator('[data-boot-reload]').click()]);
    await box.waitFor({ state: 'visible', timeout: 10000 });

    const noWasm = await openHosted(browser.context, site.url, {
      wait: false,
      init: () => {
        delete window.WebAssembly;
      },
    });
    await noWasm.page.locator('#boot-failed').waitFor({ state: 'visible', timeout: 10000 });
    assert.equal(await noWasm.page.locator('[data-reason="no-wasm"]').isVisible(), true);
    assert.equal(await noWasm.page.locator('[data-reason="load"]').isHidden(), true);
    assert.deepEqual(await violations(noWasm.page), []);
  } finally {
    await browser.close();
  }
});

test('every precompressed file holds exactly the bytes of its original', async () => {
  let checked = 0;
  for await (const path of walk(DIST)) {
    if (!/\.(html|js|css|wasm|svg)$/.test(path)) continue;
    const raw = await readFile(path);
    const gz = await readFile(`${path}.gz`).catch(() => null);
    const br = await readFile(`${path}.br`).catch(() => null);
    assert.ok(gz && br, `${relative(DIST, path)} has its .gz and .br`);
    assert.ok(gunzipSync(gz).equals(raw), `${relative(DIST, path)}.gz`);
    assert.ok(brotliDecompressSync(br).equals(raw), `${relative(DIST, path)}.br`);
    checked++;
  }
  assert.ok(checked >= 4, `checked ${checked} files`);
});
