// The size budget: everything the browser downloads to run the app
// (JavaScript, WebAssembly, CSS), gzipped. The planner issue's target is
// 200 KB; the page with its charts and editor does not meet it yet (see the
// README's size figures), so this test holds a ceiling just above today's
// size: a change that grows the bundle fails here and has to earn its bytes.
// Lower CEILING_BYTES with every reduction until it reaches TARGET_BYTES.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import { DIST } from './harness.mjs';

const TARGET_BYTES = 200 * 1024;
// Raised from 400 KiB to 440 KiB when the saved-scenario list, compare,
// undo and the two further chart exports (issue 4) added 41 KB gzipped;
// lowered to 420 KiB when Leptos' erase_components took 21 KB off; raised
// to 465 KiB (2026-12-01) for scenario version 2 and its editor (+9 KB net,
// after dropping serde_path_to_error took 7.5 KB off), the capacity panel
// (+14 KB) and the budget and projection panels (+17 KB). Raised to 470 KiB
// (2026-12-01) for the split into a first download and a chunk loaded after
// the first paint (scripts/split-wasm.mjs): the split costs 26 KB gzipped
// (calls between the two modules go through the function table, and
// wasm-opt cannot inline across them) and takes 165 KB off what the page
// waits for; the cuts made beside it took 20.5 KB back.
const CEILING_BYTES = 470 * 1024;
const COUNTED = new Set(['.js', '.wasm', '.css']);
// Loaded after the first paint (src/app/lazy.rs): not in the first download.
const LAZY = /^split_|^chunk_/;

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
    const raw = await readFile(path);
    files.push({ name: relative(DIST, path), raw: raw.length, gzip: gzipSync(raw).length });
  }
  assert.ok(files.some((f) => f.name.endsWith('.wasm')), `no .wasm in ${DIST}: run trunk build --release`);
  assert.ok(files.some((f) => f.name.endsWith('.js')), `no .js in ${DIST}`);

  for (const f of files.sort((a, b) => b.gzip - a.gzip)) {
    t.diagnostic(`${f.name}: ${f.raw} bytes, ${f.gzip} gzipped`);
  }
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  const first = files.filter((f) => !LAZY.test(f.name)).reduce((sum, f) => sum + f.gzip, 0);
  const line =
    `gzipped size: ${total} bytes (${(total / 1024).toFixed(1)} KiB); ` +
    `ceiling ${CEILING_BYTES}, target ${TARGET_BYTES}; ` +
    `first download ${first} bytes (${(first / 1024).toFixed(1)} KiB)`;
  t.diagnostic(line);
  console.log(line);
  assert.ok(total < CEILING_BYTES, line);
});
