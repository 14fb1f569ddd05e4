// The size budget, in two measures (issue 12):
//
// - the whole app: everything the browser may download to run it
//   (JavaScript, WebAssembly, CSS in dist/), gzipped;
// - the first load: the JavaScript, WebAssembly and CSS a real page has
//   requested by the time its first key figure has a value (Chromium's
//   resource timing at that moment), gzipped — what a person waits for.
//
// Each is printed with its brotli size beside it (the release's .br files,
// scripts/post-build.mjs). The target for the first load is 200 KB; the
// page does not meet it yet (see the README's size figures), so each test
// holds a ceiling just above today's size: a change that grows the bundle
// fails here and has to earn its bytes. Lower the ceilings with every
// reduction until the first load reaches TARGET_BYTES.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { DIST, startApp } from './harness.mjs';

const TARGET_BYTES = 200 * 1024;
// Raised from 400 KiB to 440 KiB when the saved-scenario list, compare,
// undo and the two further chart exports (issue 4) added 41 KB gzipped;
// lowered to 420 KiB when Leptos' erase_components took 21 KB off; raised
// to 465 KiB (2026-12-01) for scenario version 2 and its editor (+9 KB net,
// after dropping serde_path_to_error took 7.5 KB off), the capacity panel
// (+14 KB) and the budget and projection panels (+17 KB).
// Raised to 468 KiB (2026-12-01) for the hosted page's boot script (0.9 KB:
// the message when the app cannot start, the worker's registration) and
// service worker (2.3 KB, most of it the release's file digests; fetched
// after the first figure, so not part of the first load below).
// Issue 11 added the model comparison panel (+21.7 KB for its views, chart,
// downloads and the engine's model_options, 3.6 KB of it taken back: one
// boxed redraw for every chart canvas, an insertion sort of the options)
// and self-hosting (+18.5 KB: its engine, chart and panel).
// The split into a first download and a chunk loaded after the first paint
// (scripts/split-wasm.mjs) costs 26 KB gzipped (calls between the two
// modules go through the function table, and wasm-opt cannot inline across
// them) and takes 165 KB off what the page waits for; the cuts made beside
// it took 20.5 KB back. All of it together: 504.1 KiB (2026-12-01), above
// the 420 KiB issue 12 asks for.
// Lowered to 497 KiB (2026-12-01: 504,182 bytes, 492.4 KiB, 12.0 KB less):
// the JavaScript minified with esbuild, the style sheets joined into one
// file, one sort routine fewer and the presets' notes out of the page,
// wasm-opt --low-memory-unused (README, bundle size).
const CEILING_BYTES = 497 * 1024;
// The first load: what the page has requested when its first key figure
// appears (the main wasm, its JS, the chunk loader, the boot script, the
// CSS): 308.2 KiB gzipped at the split; lowered to 302 KiB with the cuts
// above (2026-12-01: 298.6 KiB, 243.0 KiB in brotli, 5 files), against the
// 200 KB target.
const FIRST_LOAD_CEILING_BYTES = 302 * 1024;
const COUNTED = new Set(['.js', '.wasm', '.css']);

/** `path`'s size raw, gzipped (zlib's default level) and in brotli (its .br file, else quality 11). */
async function sizes(path) {
  const raw = await readFile(path);
  const br = await readFile(`${path}.br`).catch(() =>
    brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
  );
  return { raw: raw.length, gzip: gzipSync(raw).length, br: Math.min(br.length, raw.length) };
}

const sum = (files, key) => files.reduce((total, f) => total + f[key], 0);
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

test('gzipped JS + wasm + CSS in dist/ stays under its ceiling', async (t) => {
  const files = [];
  for await (const path of walk(DIST)) {
    if (!COUNTED.has(extname(path).toLowerCase())) continue;
    files.push({ name: relative(DIST, path), ...(await sizes(path)) });
  }
  assert.ok(files.some((f) => f.name.endsWith('.wasm')), `no .wasm in ${DIST}: run trunk build --release`);
  assert.ok(files.some((f) => f.name.endsWith('.js')), `no .js in ${DIST}`);

  for (const f of files.sort((a, b) => b.gzip - a.gzip)) {
    t.diagnostic(`${f.name}: ${f.raw} bytes, ${f.gzip} gzipped, ${f.br} brotli`);
  }
  const total = sum(files, 'gzip');
  const line =
    `gzipped size: ${total} bytes (${kib(total)}), brotli ${sum(files, 'br')} bytes (${kib(sum(files, 'br'))}); ` +
    `ceiling ${CEILING_BYTES}`;
  t.diagnostic(line);
  console.log(line);
  assert.ok(total < CEILING_BYTES, line);
});

test('the first load (JS + wasm + CSS until the first key figure), gzipped, stays under its ceiling', async (t) => {
  const app = await startApp();
  try {
    const page = await app.context.newPage();
    // What the first key figure needs: the files that have arrived when it
    // gets its value, with the chunk of the later parts (src/app/lazy.rs)
    // refused, so that the figure is seen to appear without it. (Let
    // through, the chunk is requested as the page first renders and on
    // loopback sometimes arrives before the figure does, sometimes after.)
    // The files are read from resource timing once the page has settled:
    // Chromium adds an entry on a later task than its response's end, so at
    // the figure's moment the wasm's own entry may not be there yet.
    await page.route('**/split_*.wasm', (route) => route.abort('internetdisconnected'));
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        const v = document.querySelector('[data-testid="monthly-cost"]')?.getAttribute('data-value');
        if (window.__firstFigureAt !== undefined || v === undefined || v === null || v === '') return;
        window.__firstFigureAt = performance.now();
        observer.disconnect();
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
    });
    await page.goto(app.url);
    await page.waitForFunction(() => window.__firstFigureAt !== undefined, null, { timeout: 20000 });
    await page.waitForLoadState('networkidle');
    const names = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.responseEnd <= window.__firstFigureAt && !/\/split_[^/]*\.wasm$/.test(e.name))
        .map((e) => e.name),
    );
    const files = [];
    for (const name of new Set(names)) {
      const path = new URL(name).pathname.slice(1).split('/').join(sep);
      if (COUNTED.has(extname(path).toLowerCase())) files.push({ name: path, ...(await sizes(join(DIST, path))) });
    }
    assert.ok(files.some((f) => f.name.endsWith('.wasm')), `the first load has its wasm: ${names}`);
    for (const f of files.sort((a, b) => b.gzip - a.gzip)) {
      t.diagnostic(`${f.name}: ${f.raw} bytes, ${f.gzip} gzipped, ${f.br} brotli`);
    }
    const total = sum(files, 'gzip');
    const line =
      `first-load size: ${total} bytes gzipped (${kib(total)}), brotli ${sum(files, 'br')} bytes ` +
      `(${kib(sum(files, 'br'))}), ${files.length} files; ceiling ${FIRST_LOAD_CEILING_BYTES}, target ${TARGET_BYTES}`;
    t.diagnostic(line);
    console.log(line);
    assert.ok(total < FIRST_LOAD_CEILING_BYTES, line);
  } finally {
    await app.close();
  }
});
