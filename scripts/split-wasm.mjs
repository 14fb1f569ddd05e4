// Trunk post_build hook (Trunk.toml): splits the web app's wasm into the
// first download and the chunk loaded after the first paint.
//
// Trunk builds the crate with the `split` feature (build.rs then links it
// with --emit-relocs) and runs wasm-bindgen on the whole module; this hook
// replaces that output. It follows cargo-leptos' `--split` pipeline:
//
//   1. wasm-split-cli (crate wasm_split_cli_support, pinned in scripts/lib.sh)
//      cuts cargo's wasm at the `lazy_part!` split points (src/app/lazy.rs):
//      the main module, one `split_*.wasm` per chunk, and `__wasm_split.js`,
//      the loader the main module imports its chunk loaders from;
//   2. wasm-bindgen (--keep-lld-exports: the chunks import the main module's
//      memory, table and stack pointer) on the main module;
//   3. wasm-opt -Oz --low-memory-unused on every module (release only;
//      Trunk's own wasm-opt is off: data-wasm-opt="0" in index.html);
//   4. (release only) the main JS and the loader minified with esbuild
//      (package.json; Trunk's own minifier cannot parse wasm-bindgen's
//      loader): 2.7 KB less gzipped on the first load (2026-12-01);
//   5. content-hashed names: every chunk by its own bytes; the main JS, its
//      wasm and the loader import each other, so they share one hash of all
//      three, taken of the files as served. All references are relative
//      (`./name`, `new URL(name, import.meta.url)`), so the site works under
//      any sub-path;
//   6. index.html: the new names and Subresource Integrity hashes, and a
//      modulepreload of the loader so it does not wait for the main JS.
//
// Environment (set by Trunk): TRUNK_STAGING_DIR, TRUNK_PROFILE,
// TRUNK_SOURCE_DIR; CARGO_TARGET_DIR if set.

import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const BIN = 'burnrate-web';
const LINK = '__wasm_split';

function fail(message) {
  console.error(`split-wasm: ${message}`);
  process.exit(1);
}

function env(name) {
  const value = process.env[name];
  if (!value) fail(`${name} is not set: this script runs as Trunk's post_build hook (trunk build)`);
  return value;
}

const staging = env('TRUNK_STAGING_DIR');
const profile = env('TRUNK_PROFILE');
const root = env('TRUNK_SOURCE_DIR');
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
const input = join(targetDir, 'wasm32-unknown-unknown', profile, `${BIN}.wasm`);
const work = join(targetDir, 'wasm-split', profile);

// npm's wasm-opt (binaryen, package.json) first, like scripts/lib.sh.
const PATH = [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter);

function run(tool, args) {
  try {
    execFileSync(tool, args, { env: { ...process.env, PATH }, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (err) {
    if (err.code === 'ENOENT') fail(`${tool} is not installed: run scripts/setup`);
    fail(`${tool} ${args.join(' ')} failed (${err.status ?? err.message})`);
  }
}

function runAsync(tool, args) {
  return new Promise((resolve) => {
    const child = spawn(tool, args, { env: { ...process.env, PATH }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (err) =>
      fail(err.code === 'ENOENT' ? `${tool} is not installed: run scripts/setup` : `${tool}: ${err.message}`),
    );
    child.on('exit', (code) => (code === 0 ? resolve() : fail(`${tool} ${args.join(' ')} failed (${code})`)));
  });
}

const hash = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Replaces exactly `count` occurrences of `from` in `text`, or fails. */
function replaceExactly(text, from, to, count, what) {
  const found = text.split(from).length - 1;
  if (found !== count) fail(`expected ${count} × ${JSON.stringify(from)} in ${what}, found ${found}`);
  return text.split(from).join(to);
}

// 1. Split.
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
run('wasm-split-cli', [input, work, '--target', 'web', '--out-name', BIN]);
const chunks = readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== `${BIN}.wasm`);
if (chunks.length === 0) {
  fail(`no split points in ${input}: is the crate built with the \`split\` feature (Trunk.toml)?`);
}

// 2. wasm-bindgen, as Trunk runs it, keeping what the chunks import.
const bindgen = join(work, 'bindgen');
run('wasm-bindgen', [
  '--target=web',
  `--out-dir=${bindgen}`,
  `--out-name=${BIN}`,
  '--no-typescript',
  '--keep-lld-exports',
  '--no-demangle',
  join(work, `${BIN}.wasm`),
]);

// 3. wasm-opt, as Trunk would with data-wasm-opt="z", two modules at a
//    time; the producers and target-features sections are only notes for
//    tools (each module carried them). --low-memory-unused lets wasm-opt
//    fold `load(p + c)` into a load at offset c from p, which differs only
//    when p + c wraps past 4 GiB into the first KiB of memory: Rust never
//    computes such an address, and that KiB is the far end of the 1 MiB
//    stack (cargo's wasm starts with the stack, growing down to 0). 2.0 KB
//    less gzipped in the main wasm, 1.6 KB in the chunk (2026-12-01).
const modules = [join(bindgen, `${BIN}_bg.wasm`), ...chunks.map((c) => join(work, c))];
if (profile === 'release') {
  await Promise.all(
    modules.map((path) =>
      runAsync('wasm-opt', [
        '-Oz',
        '--low-memory-unused',
        '--strip-producers',
        '--strip-target-features',
        path,
        '-o',
        path,
      ]),
    ),
  );
}

// 4. Minified JS. Identifiers are renamed, never property names or
//    strings, so the wasm's import keys and the file names below stay.
let linkJs = readFileSync(join(work, `${LINK}.js`), 'utf8');
let mainJs = readFileSync(join(bindgen, `${BIN}.js`), 'utf8');
if (profile === 'release') {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    fail('esbuild is not installed: run scripts/setup');
  }
  const minify = (code) =>
    esbuild.transformSync(code, { loader: 'js', format: 'esm', minify: true, legalComments: 'none' }).code;
  linkJs = minify(linkJs);
  mainJs = minify(mainJs);
}

// 5. Content-hashed names.
const written = [];
for (const chunk of chunks) {
  const bytes = readFileSync(join(work, chunk));
  const name = `${chunk.replace(/\.wasm$/, '')}-${hash(bytes)}.wasm`;
  linkJs = replaceExactly(linkJs, `"./${chunk}"`, `"./${name}"`, 1, `${LINK}.js`);
  writeFileSync(join(staging, name), bytes);
  written.push(name);
}
const mainWasm = readFileSync(join(bindgen, `${BIN}_bg.wasm`));
const shared = hash(mainJs, '\0', linkJs, '\0', mainWasm);
const names = {
  js: `${BIN}-${shared}.js`,
  wasm: `${BIN}-${shared}_bg.wasm`,
  link: `${LINK}-${shared}.js`,
};
// The import statement only: the key of the imports object must stay the
// module name the wasm itself imports from.
mainJs = mainJs.replace(
  new RegExp(`(import\\s*\\*\\s*as\\s+[\\w$]+\\s+from\\s*)(["'])\\./${LINK}\\.js\\2`),
  (_, head, quote) => `${head}${quote}./${names.link}${quote}`,
);
if (!mainJs.includes(`./${names.link}`)) fail(`no import of ./${LINK}.js in ${BIN}.js`);
// wasm-bindgen's default path to the wasm, used only when init() gets none.
mainJs = mainJs.replace(new RegExp(`(["'])${BIN}_bg\\.wasm\\1`, 'g'), (_, quote) => `${quote}${names.wasm}${quote}`);
linkJs = replaceExactly(linkJs, `"./${BIN}.js"`, `"./${names.js}"`, 1, `${LINK}.js`);
writeFileSync(join(staging, names.js), mainJs);
writeFileSync(join(staging, names.wasm), mainWasm);
writeFileSync(join(staging, names.link), linkJs);
written.push(names.js, names.wasm, names.link);

// 6. index.html: Trunk's main JS and wasm give way to the split ones.
const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
const trunkJs = html.match(new RegExp(`${BIN}-[0-9a-f]+\\.js`))?.[0];
const trunkWasm = html.match(new RegExp(`${BIN}-[0-9a-f]+_bg\\.wasm`))?.[0];
if (!trunkJs || !trunkWasm) fail(`no ${BIN} script or wasm in ${htmlPath}`);
const withIntegrity = (tag, bytes) =>
  tag.replace(/integrity=("[^"]*"|[^\s>]+)/, `integrity=${sri(bytes)}`);
// Each <link> naming an asset gets the new name and integrity.
html = html.replace(/<link\b[^>]*>/g, (tag) => {
  if (tag.includes(trunkJs)) {
    const main = withIntegrity(tag.split(trunkJs).join(names.js), Buffer.from(mainJs));
    const link = withIntegrity(tag.split(trunkJs).join(names.link), Buffer.from(linkJs));
    return main + link;
  }
  if (tag.includes(trunkWasm)) return withIntegrity(tag.split(trunkWasm).join(names.wasm), mainWasm);
  return tag;
});
html = html.split(trunkJs).join(names.js).split(trunkWasm).join(names.wasm);
writeFileSync(htmlPath, html);
for (const old of [trunkJs, trunkWasm]) unlinkSync(join(staging, old));

console.log(`split-wasm: ${written.join(', ')}`);
