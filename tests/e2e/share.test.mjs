// Sharing and exporting, driven in a real browser: "Copy link" puts a link
// in the clipboard that opens the same figures in a fresh browser (also
// right after an edit, before the address bar catches up), and falls back
// to a selected field when the clipboard refuses; "Copy summary" copies the
// key figures as Markdown; every download is a valid file (the JSON imports
// back to the same figures, the CSVs have their header and row count, the
// PNG is a PNG at twice the size, the SVG is an SVG with its axis label);
// a bad or oversized import shows why and changes nothing; the bar works by
// keyboard and fits a 390 px screen.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  downloadFile,
  evalScenario,
  launchBrowser,
  pageFigureValues,
  serveDir,
  setRange,
  waitForFigures,
  watchErrors,
} from './harness.mjs';

/** The export size in CSS pixels (src/app/share/chart_export.rs) and the PNG scale. */
const CHART_SIZE = [960, 540];
const PNG_SCALE = 2;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BREAKDOWN_HEADER = 'feature,step,kind,model,runs,cost_per_action,monthly_cost';

let server;
let browser;

before(async () => {
  server = await serveDir();
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(server.url).origin,
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page (after `init`, a script run before the app) and waits for its figures. */
async function open(context, path = '', { init, viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  if (init) await page.addInitScript(init);
  const errors = watchErrors(page);
  await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
  await page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
  return { page, errors };
}

const sel = (page, testid) => page.locator(`[data-testid="${testid}"]`);

async function selectPreset(page, id) {
  const before = await page.locator('.scenario-name').textContent();
  await sel(page, 'preset-select').selectOption(id);
  await page.waitForFunction((b) => document.querySelector('.scenario-name')?.textContent !== b, before);
}

async function readClipboard(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Clicks `testid` in the Export menu and resolves to `{ name, bytes }` of the download. */
/** RFC 4180 records of `text`: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  assert.equal(quoted, false, 'unterminated quote');
  if (field || record.length) records.push([...record, field]);
  return records;
}

/** Sets the file input to a file named `name` holding `text`. */
async function importText(page, name, text) {
  await sel(page, 'import-input').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

test('Copy link copies a link that opens the same figures in a fresh browser, even right after an edit', async () => {
  const { page, errors } = await open(browser.context);
  await selectPreset(page, 'marketing-posts');
  // Copied at once after a slider move: the address bar is still behind
  // (it is rewritten after a pause); the copied link must not be.
  await setRange(page, 'users-slider', 3.3);
  await sel(page, 'copy-link').click();
  await page.locator('[data-testid="share-status"]', { hasText: 'Link copied' }).waitFor({ timeout: 5000 });
  const copied = await readClipboard(page);
  assert.ok(copied.startsWith(server.url), copied);
  assert.match(copied, /#s=[A-Za-z0-9_-]+$/);
  const here = await pageFigureValues(page);

  const fresh = await launchBrowser();
  try {
    const opened = await open(fresh.context, copied);
    assert.deepEqual(await pageFigureValues(opened.page), here);
    assert.equal(await opened.page.$('[data-testid=link-error]'), null);
    assert.deepEqual(opened.errors, []);
  } finally {
    await fresh.close();
  }
  // The confirmation goes away by itself.
  await page.waitForFunction(() => document.querySelector('[data-testid=share-status]')?.textContent === '', null, {
    timeout: 5000,
  });
  assert.deepEqual(errors, []);
  await page.close();
});

test('when the clipboard refuses, the link is shown selected for copying by hand', async () => {
  const refuse = () => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) },
    });
  };
  const { page, errors } = await open(browser.context, '', { init: refuse });
  await sel(page, 'copy-link').click();
  const field = sel(page, 'copy-fallback');
  await field.waitFor({ timeout: 5000 });
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  const value = await field.inputValue();
  assert.equal(value, await page.evaluate(() => location.href));
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid=copy-fallback]');
    return document.activeElement === el && el.selectionStart === 0 && el.selectionEnd === el.value.length;
  });
  assert.match(await sel(page, 'share-status').textContent(), /Could not copy the link/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Copy summary copies the key figures and every feature as a Markdown table', async () => {
  const { page, errors } = await open(browser.context);
  await selectPreset(page, 'inbox-classifier');
  await sel(page, 'copy-summary').click();
  await page.locator('[data-testid="share-status"]', { hasText: 'Summary copied' }).waitFor({ timeout: 5000 });
  const md = await readClipboard(page);
  const name = (await page.locator('.scenario-name').textContent()).trim();
  const lines = md.split('\n');
  assert.equal(lines[0], `| Scenario | ${name} |`);
  assert.equal(lines[1], '| --- | --- |');
  for (const label of ['Users', 'Monthly cost', 'Cost per action', 'Cost per user', 'Break-even users',
    'Break-even price', 'Gross margin', 'Peak RPM use', 'Runway']) {
    assert.ok(lines.some((l) => l.startsWith(`| ${label} | `)), `no ${label} row:\n${md}`);
  }
  const monthly = (await sel(page, 'monthly-cost').textContent()).trim();
  assert.ok(md.includes(`| Monthly cost | ${monthly} |`), `monthly cost ${monthly}:\n${md}`);
  const features = await sel(page, 'feature-monthly-cost').count();
  assert.equal(lines.filter((l) => l.startsWith('| Feature: ')).length, features);
  assert.match(md, /\nPrices as of \d{4}-\d{2}-\d{2} \(.+\)\.\n$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('downloads: the JSON imports back to the same figures, CSVs, PNG and SVG are valid', async () => {
  const { page, errors } = await open(browser.context);
  await selectPreset(page, 'real-estate-crm');
  const name = (await page.locator('.scenario-name').textContent()).trim();
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const here = await pageFigureValues(page);

  const json = await downloadFile(page, 'export-json');
  assert.equal(json.name, `burnrate-${slug}.json`);
  const scenario = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(scenario.name, name);
  // The file is what the engine evaluates to the page's figures.
  assert.deepEqual(await waitForFigures(page, await evalScenario(scenario)), []);

  const breakdown = await downloadFile(page, 'export-breakdown-csv');
  assert.equal(breakdown.name, `burnrate-${slug}-breakdown.csv`);
  const rows = parseCsv(breakdown.bytes.toString('utf8'));
  assert.equal(rows[0].join(','), BREAKDOWN_HEADER);
  const steps = scenario.features.reduce((n, f) => n + (f.steps?.length ?? 0), 0);
  assert.equal(rows.length, 1 + steps + (scenario.fixed_costs?.length ?? 0));
  assert.ok(rows.every((r) => r.length === 7), 'seven fields a row');
  const total = rows.slice(1).reduce((sum, r) => sum + Number(r[6]), 0);
  assert.ok(Math.abs(total - here['monthly-cost']) <= 1e-6 * Math.max(1, here['monthly-cost']), `${total}`);

  const spend = await downloadFile(page, 'export-spend-csv');
  assert.equal(spend.name, `burnrate-${slug}-spend.csv`);
  const points = parseCsv(spend.bytes.toString('utf8'));
  assert.equal(points[0][0], 'users');
  assert.deepEqual(points[0].slice(-4), ['onboarding', 'fixed', 'total', 'revenue']);
  assert.equal(points[0].length, 1 + scenario.features.length + 4);
  assert.equal(points.length, 101);
  assert.ok(points.slice(1).every((r) => r.every((v) => Number.isFinite(Number(v)))));

  for (const [testid, file] of [
    ['export-spend-png', `burnrate-${slug}-spend.png`],
    ['export-break-even-png', `burnrate-${slug}-break-even.png`],
    ['export-break-even-price-png', `burnrate-${slug}-break-even-price.png`],
    ['export-breakdown-png', `burnrate-${slug}-breakdown.png`],
  ]) {
    const png = await downloadFile(page, testid);
    assert.equal(png.name, file);
    assert.deepEqual([...png.bytes.subarray(0, 8)], PNG_SIGNATURE, `${testid}: PNG signature`);
    assert.equal(png.bytes.toString('latin1', 12, 16), 'IHDR');
    assert.equal(png.bytes.readUInt32BE(16), CHART_SIZE[0] * PNG_SCALE, `${testid}: width`);
    assert.equal(png.bytes.readUInt32BE(20), CHART_SIZE[1] * PNG_SCALE, `${testid}: height`);
    assert.ok(png.bytes.length > 20000, `${testid}: ${png.bytes.length} bytes is too small for a chart`);
  }

  const svg = await downloadFile(page, 'export-spend-svg');
  assert.equal(svg.name, `burnrate-${slug}-spend.svg`);
  const text = svg.bytes.toString('utf8');
  assert.match(text, /<svg[\s>]/);
  assert.ok(text.includes('Users'), 'the axis label');
  assert.ok(text.includes(`Monthly spend — ${name} — `), 'the header names the chart and scenario');
  assert.match(text, /prices as of \d{4}-\d{2}-\d{2}/);
  // The browser parses it as SVG.
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length };
  }, text);
  assert.deepEqual(parsed, { root: 'svg', errors: 0 });

  const breakEven = await downloadFile(page, 'export-break-even-svg');
  assert.equal(breakEven.name, `burnrate-${slug}-break-even.svg`);
  const beText = breakEven.bytes.toString('utf8');
  assert.match(beText, /<svg[\s>]/);
  assert.ok(beText.includes(`Break-even — ${name} — `), 'the header names the chart and scenario');
  assert.ok(beText.includes('Users'), 'the axis label');

  for (const [testid, file, title, axis] of [
    ['export-break-even-price-svg', `burnrate-${slug}-break-even-price.svg`, 'Break-even price', 'Users'],
    ['export-breakdown-svg', `burnrate-${slug}-breakdown.svg`, 'Where the money goes', '$ per month'],
  ]) {
    const chart = await downloadFile(page, testid);
    assert.equal(chart.name, file);
    const t = chart.bytes.toString('utf8');
    assert.ok(t.includes(`${title} — ${name} — `), `${testid}: the header names the chart and scenario`);
    assert.ok(t.includes(axis), `${testid}: the axis label ${axis}`);
    const ok = await page.evaluate((x) => {
      const doc = new DOMParser().parseFromString(x, 'image/svg+xml');
      return doc.documentElement.nodeName === 'svg' && doc.getElementsByTagName('parsererror').length === 0;
    }, t);
    assert.ok(ok, `${testid}: parses as SVG`);
  }

  // Another scenario, then the JSON back: the same figures as before.
  await selectPreset(page, 'coaching-chat');
  assert.notDeepEqual(await pageFigureValues(page), here);
  await importText(page, json.name, json.bytes.toString('utf8'));
  await page.locator('[data-testid="share-status"]', { hasText: 'Imported' }).waitFor({ timeout: 5000 });
  await page.waitForFunction((n) => document.querySelector('.scenario-name')?.textContent.trim() === n, name);
  assert.deepEqual(await pageFigureValues(page), here);
  assert.equal(await page.$('[data-testid=import-error]'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a bad import says what is wrong, by field, and keeps the scenario', async () => {
  const { page, errors } = await open(browser.context);
  const here = await pageFigureValues(page);
  await importText(page, 'bad.json', '{"version":1,"users":-5}');
  const alert = sel(page, 'import-error');
  await alert.waitFor({ timeout: 5000 });
  assert.equal(await alert.getAttribute('role'), 'alert');
  const message = await alert.textContent();
  assert.match(message, /bad\.json/);
  assert.match(message, /\busers\b/);
  assert.deepEqual(await pageFigureValues(page), here);

  await importText(page, 'not-json.json', 'this is not JSON');
  await page.locator('[data-testid=import-error]', { hasText: 'not-json.json' }).waitFor({ timeout: 5000 });
  assert.deepEqual(await pageFigureValues(page), here);

  // Over a megabyte: refused before it is read.
  const big = `{"version":1,"name":"${'x'.repeat(1100 * 1024)}"}`;
  await importText(page, 'big.json', big);
  await page.locator('[data-testid=import-error]', { hasText: 'larger than 1 MB' }).waitFor({ timeout: 5000 });
  assert.deepEqual(await pageFigureValues(page), here);

  await alert.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await page.$('[data-testid=import-error]'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the bar works by keyboard and fits a 390 px screen', async () => {
  const { page, errors } = await open(browser.context, '', { viewport: { width: 390, height: 844 } });
  for (const testid of ['copy-link', 'copy-summary', 'export-menu', 'import-button']) {
    const box = await sel(page, testid).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${testid}: ${JSON.stringify(box)}`);
  }
  // Open the menu from the keyboard; every item fits on screen; Escape closes it.
  await sel(page, 'export-menu').focus();
  await page.keyboard.press('Enter');
  await page.locator('details.export-menu[open]').waitFor();
  for (const testid of ['export-json', 'export-breakdown-csv', 'export-spend-csv', 'export-spend-png',
    'export-spend-svg', 'export-break-even-png', 'export-break-even-svg', 'export-break-even-price-png',
    'export-break-even-price-svg', 'export-breakdown-png', 'export-breakdown-svg']) {
    const box = await sel(page, testid).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${testid}: ${JSON.stringify(box)}`);
  }
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'export-json');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('details.export-menu[open]'));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'export-menu');
  // A click elsewhere closes it too.
  await sel(page, 'export-menu').click();
  await page.locator('details.export-menu[open]').waitFor();
  await page.locator('.scenario-name').click();
  await page.waitForFunction(() => !document.querySelector('details.export-menu[open]'));

  const scrollWidth = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(scrollWidth <= 390, `scrollWidth ${scrollWidth}`);
  // Every control of the bar has a name.
  for (const name of ['Copy link', 'Copy summary', 'Import JSON']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
  }
  assert.deepEqual(errors, []);
  await page.close();
});
