// End-to-end test harness: serves the release build (dist/) on an ephemeral
// loopback port, drives Debian's Chromium through playwright-core, records
// every console error and uncaught page error, reads the figures the page
// publishes through `data-testid` / `data-value`, and runs the native
// command line so the page can be compared with the same engine.
//
// Nothing here downloads anything: the browser is /usr/bin/chromium and the
// command line is target/debug/burnrate (scripts/test builds both inputs).

import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { chromium } from 'playwright-core';

const execFileAsync = promisify(execFile);

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = resolve(process.env.BURNRATE_DIST ?? join(ROOT, 'dist'));
export const CLI_PATH = resolve(process.env.BURNRATE_CLI ?? join(ROOT, 'target', 'debug', 'burnrate'));
export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling hosts this
// machine cannot reach; the sandbox needs privileges a root container lacks.
// playwright-core itself adds `--headless` (headless: true) and the fresh
// `--user-data-dir` (launchPersistentContext).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The headline figures the page must publish (DESIGN.md, "Interfaces that are contracts"). */
export const HEADLINE_FIGURES = [
  ['monthly-cost', 'monthly_cost'],
  ['cost-per-action', 'cost_per_action'],
  ['cost-per-user', 'cost_per_user'],
  ['break-even-users', 'break_even_users'],
  ['break-even-price', 'break_even_price'],
  ['gross-margin', 'gross_margin'],
  ['peak-rpm-utilisation', 'peak_rpm_utilisation'],
  ['runway-days', 'runway_days'],
];

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dir` over HTTP on 127.0.0.1 with an ephemeral port.
 * Resolves to `{ url, close }`; `url` ends with a slash.
 */
export async function serveDir(dir = DIST) {
  const root = resolve(dir);
  const server = http.createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      let file = normalize(join(root, decodeURIComponent(pathname)));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(file).pipe(res);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/**
 * Starts Chromium with a fresh, throw-away profile directory.
 * Resolves to `{ context, close }`.
 */
export async function launchBrowser(options = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'burnrate-e2e-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The whole fixture: dist/ served, Chromium started. `open(path)` loads a
 * page relative to the served root and returns `{ page, errors }`, where
 * `errors` fills with every console error and uncaught exception of that
 * page. Call `close()` in an `after` hook.
 */
export async function startApp(options = {}) {
  const server = await serveDir(options.dist ?? DIST);
  let browser;
  try {
    browser = await launchBrowser(options.browser);
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    url: server.url,
    context: browser.context,
    async open(path = '', openOptions = {}) {
      const page = await browser.context.newPage();
      if (openOptions.viewport) await page.setViewportSize(openOptions.viewport);
      const errors = watchErrors(page);
      await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
      return { page, errors };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The built-in presets, in the order `burnrate presets` lists them (the page's default first). */
export const PRESET_IDS = ['coaching-chat', 'marketing-posts', 'real-estate-crm', 'product-tagging', 'inbox-classifier', 'blank'];

/**
 * Starts the app and opens the page at `path`; resolves once the first key
 * figure has a value, to `{ app, page, errors }`.
 */
export async function openPlanner(path = '', options = {}) {
  const app = await startApp();
  const { page, errors } = await app.open(path, options);
  await page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
  return { app, page, errors };
}

/**
 * Opens built-in preset `id` through the preset picker and waits for its
 * name on the page; scrolls `scrollTo` (a selector) into view when given.
 * Resolves to the preset's scenario (`burnrate presets ID`).
 */
export async function loadPreset(page, id, scrollTo) {
  const scenario = await presetScenario(id);
  await page.locator('[data-testid="preset-select"]').selectOption(id);
  await page.locator('.scenario-name', { hasText: scenario.name }).waitFor({ timeout: 5000 });
  if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded();
  return scenario;
}

/** Collects console errors and page errors of `page` into the returned array. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) =>
    errors.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`),
  );
  return errors;
}

/** Parses a `data-value`: a Number, or null when empty. Throws on anything else. */
export function parseDataValue(raw, what = 'data-value') {
  if (raw === null || raw === undefined) {
    throw new Error(`${what}: the element has no data-value attribute`);
  }
  if (raw.trim() === '') return null;
  const value = Number(raw);
  if (Number.isNaN(value)) throw new Error(`${what}: data-value ${JSON.stringify(raw)} is not a number`);
  return value;
}

const byTestId = (testid) => `[data-testid="${testid}"]`;

/**
 * The `data-value` of the single element with `data-testid=testid`, as a
 * Number, or null when the figure has no value. Waits for the element.
 */
export async function figure(page, testid, { timeout = 5000 } = {}) {
  const locator = page.locator(byTestId(testid));
  await locator.first().waitFor({ state: 'attached', timeout });
  const count = await locator.count();
  if (count !== 1) throw new Error(`expected one [data-testid="${testid}"], found ${count}`);
  return parseDataValue(await locator.getAttribute('data-value'), testid);
}

/** Every `data-value` of the elements with `data-testid=testid`, in document order. */
export async function figures(page, testid) {
  const raws = await page
    .locator(byTestId(testid))
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-value')));
  return raws.map((raw, i) => parseDataValue(raw, `${testid}[${i}]`));
}

/**
 * Runs the native command line with `args`; resolves to
 * `{ status, stdout, stderr }` whatever the exit status (`burnrate eval`
 * exits non-zero when a budget is exceeded, with a full report all the same).
 */
export async function runCli(args, { cwd = ROOT } = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(CLI_PATH, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    return { status: 0, stdout, stderr };
  } catch (err) {
    if (typeof err.code === 'number') return { status: err.code, stdout: err.stdout, stderr: err.stderr };
    if (err.code === 'ENOENT') {
      throw new Error(`${CLI_PATH} does not exist: build it with \`cargo build --bin burnrate\``);
    }
    throw err;
  }
}

/** Runs the command line and parses its standard output as JSON. */
export async function cli(args, options) {
  const { status, stdout, stderr } = await runCli(args, options);
  try {
    return JSON.parse(stdout);
  } catch {
    throw new Error(
      `burnrate ${args.join(' ')} exited ${status} without JSON on stdout.\n` +
        `stdout: ${stdout.slice(0, 2000)}\nstderr: ${stderr.slice(0, 2000)}`,
    );
  }
}

/** Writes `text` to a new temporary file and returns its path and a cleanup. */
export async function tempFile(name, text) {
  const dir = await mkdtemp(join(tmpdir(), 'burnrate-e2e-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The report `burnrate eval --json` gives for a built-in preset: the preset's
 * scenario (`burnrate presets ID`) saved to a file, then evaluated.
 */
export async function presetReport(id) {
  const { status, stdout, stderr } = await runCli(['presets', id]);
  if (status !== 0) throw new Error(`burnrate presets ${id} exited ${status}: ${stderr}`);
  const file = await tempFile(`${id}.json`, stdout);
  try {
    return await cli(['eval', '--json', file.path]);
  } finally {
    await file.remove();
  }
}

// ---------------------------------------------------------------------------
// Helpers for the planner, accessibility and benchmark scripts.

/** The scenario JSON of a built-in preset (`burnrate presets ID`), parsed. */
export async function presetScenario(id) {
  const { status, stdout, stderr } = await runCli(['presets', id]);
  if (status !== 0) throw new Error(`burnrate presets ${id} exited ${status}: ${stderr}`);
  return JSON.parse(stdout);
}

/** The report `burnrate eval --json` gives for `scenario` (an object), via a temporary file. */
export async function evalScenario(scenario, name = 'scenario.json') {
  const file = await tempFile(name, JSON.stringify(scenario, null, 2));
  try {
    return await cli(['eval', '--json', file.path]);
  } finally {
    await file.remove();
  }
}

/**
 * `LogScale::value` of src/input.rs, operation for operation: the value a
 * log-scale slider at `position` stands for (whole numbers from 10 up, two
 * significant digits below). `powi` is done as Rust's `__powidf2` does it
 * (exact powers of ten, then one division for negative exponents).
 */
export function logScaleValue(lo, hi, position) {
  const x = 10 ** Math.min(Math.max(position, lo), hi);
  if (x >= 10) return Math.round(x);
  const exp = Math.floor(Math.log10(x)) - 1;
  const unit = exp < 0 ? 1 / 10 ** -exp : 10 ** exp;
  return Math.round(x / unit) * unit;
}

export const USERS_SCALE = [0, 7];
export const VOLUME_SCALE = [-2, 4];

/** What the page's figures should read for `report`: `{ testid: value }` plus `features: [...]`. */
export function expectedFigures(report) {
  const want = {};
  for (const [testid, field] of HEADLINE_FIGURES) {
    if (!(field in report)) throw new Error(`the report has no field ${field}`);
    want[testid] = report[field];
  }
  want.features = report.features.map((f) => f.monthly_cost);
  return want;
}

/** Every headline figure and feature cost on the page, in one round trip (raw data-value strings). */
export async function pageFigureValues(page) {
  const raw = await page.evaluate((ids) => {
    const out = {};
    for (const id of ids) {
      const els = document.querySelectorAll(`[data-testid="${id}"]`);
      out[id] = els.length === 1 ? els[0].getAttribute('data-value') : { count: els.length };
    }
    out.features = [...document.querySelectorAll('[data-testid="feature-monthly-cost"]')].map((el) =>
      el.getAttribute('data-value'),
    );
    return out;
  }, HEADLINE_FIGURES.map(([id]) => id));
  const got = {};
  for (const [id] of HEADLINE_FIGURES) {
    got[id] = typeof raw[id] === 'object' && raw[id] !== null ? raw[id] : parseDataValue(raw[id], id);
  }
  got.features = raw.features.map((v, i) => parseDataValue(v, `feature-monthly-cost[${i}]`));
  return got;
}

/** The differences between the page's figures and `want` (from `expectedFigures`), as sentences. */
export function figureMismatches(got, want) {
  const out = [];
  for (const [id] of HEADLINE_FIGURES) {
    if (typeof got[id] === 'object' && got[id] !== null) {
      out.push(`expected one [data-testid="${id}"], found ${got[id].count}`);
    } else if (!(got[id] === want[id])) {
      out.push(`${id}: page ${got[id]}, command line ${want[id]}`);
    }
  }
  if (got.features.length !== want.features.length) {
    out.push(`page shows ${got.features.length} feature-monthly-cost, command line ${want.features.length} features`);
  } else {
    got.features.forEach((v, i) => {
      if (!(v === want.features[i])) out.push(`feature-monthly-cost[${i}]: page ${v}, command line ${want.features[i]}`);
    });
  }
  return out;
}

/**
 * Waits (up to `timeout` ms) for the page's figures to equal `report`'s;
 * resolves to the remaining mismatches (empty when they agree).
 */
export async function waitForFigures(page, report, { timeout = 3000 } = {}) {
  const want = expectedFigures(report);
  const deadline = Date.now() + timeout;
  for (;;) {
    const mismatches = figureMismatches(await pageFigureValues(page), want);
    if (mismatches.length === 0 || Date.now() > deadline) return mismatches;
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** Sets an <input type=range> (by data-testid) to `value` and dispatches 'input' (and 'change'). */
export async function setRange(page, testid, value) {
  await page.locator(`[data-testid="${testid}"]`).evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/**
 * Reads a chart canvas back: its size, how many pixels differ from the
 * top-left (background) pixel, and a hash of all its pixels.
 */
export async function canvasPixels(page, testid) {
  return page.locator(`[data-testid="${testid}"]`).evaluate((canvas) => {
    const { width, height } = canvas;
    if (!width || !height) return { width, height, drawn: 0, hash: 0 };
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const [r0, g0, b0, a0] = data;
    let drawn = 0;
    let hash = 0x811c9dc5;
    for (let i = 0; i < data.length; i += 4) {
      const d =
        Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) + Math.abs(data[i + 3] - a0);
      if (d > 24) drawn++;
      hash = Math.imul(hash ^ data[i] ^ (data[i + 1] << 8) ^ (data[i + 2] << 16) ^ (data[i + 3] << 24), 16777619);
    }
    return { width, height, drawn, hash: hash >>> 0 };
  });
}

/** `count` of src/format.rs for whole numbers: digits grouped by commas ("1,000"). */
export function formatCount(n) {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Downloads the file behind the Export menu item `testid` (opening the
 * menu first). Resolves to `{ name, bytes }`.
 */
export async function downloadFile(page, testid) {
  if (!(await page.locator('details.export-menu[open]').count())) {
    await page.locator('[data-testid="export-menu"]').click();
  }
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 10000 }),
    page.locator(`[data-testid="${testid}"]`).click(),
  ]);
  const path = await file.path();
  if (!path) throw new Error(`${testid}: the download failed (${await file.failure()})`);
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/** The `#s=` fragment of `json` (a string), encoded as DESIGN.md specifies. */
export function fragmentOf(json) {
  return `#s=${deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url')}`;
}

/** The scenario (parsed JSON) in a `#s=` fragment. */
export function scenarioOfHash(hash) {
  return JSON.parse(inflateRawSync(Buffer.from(hash.replace(/^#?s=/, ''), 'base64url')).toString('utf8'));
}

const AXE_SOURCE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Loads axe-core into `page` (as `window.axe`). Evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not
 * govern: an injected <script> element (page.addScriptTag) is an inline
 * script the policy rightly refuses.
 */
export async function injectAxe(page) {
  await page.evaluate(await readFile(AXE_SOURCE, 'utf8'));
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) throw new Error('axe-core did not load');
}

/**
 * The serious and critical axe violations in `context` (what `axe.run`
 * takes: a selector, or `{ include: [...] }`), each in words with the
 * elements it names. Call `injectAxe(page)` first.
 */
export async function seriousViolations(page, context) {
  return page.evaluate(async (ctx) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(ctx, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, context);
}

/**
 * How wide the document and the element at `selector` scroll against how
 * wide they are: `{ document, scroll, client }` in CSS pixels.
 */
export async function sidewaysScroll(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return { document: document.documentElement.scrollWidth, scroll: el.scrollWidth, client: el.clientWidth };
  }, selector);
}
