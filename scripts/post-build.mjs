// Trunk's post-build step (Trunk.toml, [[hooks]] stage "post_build"): turns
// the built page into what a static host serves. In this order, because each
// step reads what the one before wrote:
//
//   0. the stylesheets as one file: Trunk writes one per source file
//      (style/, one per area of the page), each a render-blocking request
//      before the first figure; one file in their order, named by its
//      content, with its Subresource Integrity hash;
//   1. link previews: og:image / twitter:image made absolute when
//      BURNRATE_SITE_URL (the address the site is served from, e.g.
//      https://owner.github.io/burnrate/) is set; og:url added;
//   2. the service worker (src/web/sw.js) with this release's file list and
//      SHA-256 digests, written to sw.js and named by a meta tag that
//      src/web/boot.js reads;
//   3. the Content-Security-Policy as a <meta http-equiv> right after
//      <meta charset>: only the page's own files, wasm compilation, and the
//      SHA-256 of each inline script (Trunk 0.21 injects one inline module
//      that imports wasm-bindgen's loader and calls init);
//   4. .gz and .br files beside every compressible file, for hosts that
//      serve precompressed files (docs/deploy.md).
//
// A `trunk serve` build (Trunk's reload script is in the page) gets none of
// this: Trunk rewrites that inline script on every request, so no hash can
// allow it, and a worker caching a development build would only get in the
// way. Its page says so in the console.
//
// Usage: node scripts/post-build.mjs [DIR] [--no-precompress]
// DIR is Trunk's staging directory ($TRUNK_STAGING_DIR) when run as a hook,
// else dist/. Running it again on its own output gives the same result.
// --no-precompress skips step 4 (the end-to-end tests' second release).

import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARGS = process.argv.slice(2);
const DIR = ARGS.find((a) => !a.startsWith('--')) ?? process.env.TRUNK_STAGING_DIR ?? join(ROOT, 'dist');
const PRECOMPRESS = !ARGS.includes('--no-precompress');
const SITE_URL = process.env.BURNRATE_SITE_URL ?? '';

/** The page's preview image (public/), 1200×630; crawlers fetch it, the offline page does not need it. */
export const PREVIEW_IMAGE = 'social-preview.png';
export const WORKER = 'sw.js';

/**
 * The policy, given the inline scripts' hashes. default-src 'none' and then
 * only what the page uses: its scripts and the wasm they compile (WebAssembly
 * compilation needs 'wasm-unsafe-eval'), its stylesheets, its icons, fetches
 * of its own files (the wasm, the parts loaded on demand), its service
 * worker. Directives a <meta> policy cannot carry (frame-ancestors,
 * report-to) are in docs/deploy.md's header version.
 *
 * Style attributes (style-src-attr) are allowed, style elements are not: the
 * app's own views set none, but the SVG chart export measures its labels
 * through plotters 0.3.7, whose wasm font code (src/style/font/web.rs,
 * `estimate_layout`) puts each label in a <span style="font-size: …"> and
 * reads its size. Refused, the span keeps the default font and the exported
 * SVG's labels are laid out for the wrong size. Measuring the export's text
 * with canvas measureText, as the page's canvas backend does, would let this
 * go.
 */
export function policy(scriptHashes) {
  return [
    "default-src 'none'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes.map((h) => `'${h}'`)].join(' '),
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.txt', '.xml', '.ico', '.webmanifest']);
const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.xml', '.webmanifest']);

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

const urlPath = (path) => relative(DIR, path).split(sep).join('/');
const isPrecompressed = (path) => path.endsWith('.gz') || path.endsWith('.br');

/** Every `<tag …>` of `html` as { start, end, attrs: Map } (attribute values unquoted). */
function tags(html, tag) {
  const out = [];
  const re = new RegExp(`<${tag}\\b([^>]*)>`, 'gi');
  for (const m of html.matchAll(re)) {
    const attrs = new Map();
    for (const a of m[1].matchAll(/([^\s=/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      attrs.set(a[1].toLowerCase(), (a[2] ?? '').replace(/^["']|["']$/g, ''));
    }
    out.push({ start: m.index, end: m.index + m[0].length, attrs });
  }
  return out;
}

const escapeAttr = (s) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** Removes every meta tag for which `pick(attrs)` holds. */
function dropMeta(html, pick) {
  for (const t of tags(html, 'meta').reverse()) {
    if (pick(t.attrs)) html = html.slice(0, t.start) + html.slice(t.end);
  }
  return html;
}

/** Inserts `markup` right after <meta charset>, where a policy must stand to cover every script. */
function afterCharset(html, markup) {
  const charset = tags(html, 'meta').find((t) => t.attrs.has('charset'));
  if (!charset) throw new Error('index.html has no <meta charset>: the policy must come before every script');
  return html.slice(0, charset.end) + markup + html.slice(charset.end);
}

/**
 * Trunk's stylesheets (`<link rel=stylesheet href=…css>` of this directory)
 * joined into one, in the page's order, replacing the first link; the files
 * joined are removed. A page with one stylesheet is left as it is.
 */
async function oneStylesheet(html) {
  const links = tags(html, 'link').filter(
    (t) =>
      t.attrs.get('rel')?.toLowerCase() === 'stylesheet' &&
      /\.css$/i.test(t.attrs.get('href') ?? '') &&
      !/^[a-z]+:|^\/\//i.test(t.attrs.get('href')),
  );
  if (links.length < 2) return html;
  const files = links.map((t) => join(DIR, t.attrs.get('href')));
  const parts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  const css = parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('');
  const name = `style-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  await writeFile(join(DIR, name), css);
  const integrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  for (const [i, t] of [...links.entries()].reverse()) {
    const tag = i === 0 ? `<link rel="stylesheet" href="./${name}" integrity="${integrity}">` : '';
    html = html.slice(0, t.start) + tag + html.slice(t.end);
  }
  for (const f of files) if (f !== join(DIR, name)) await rm(f);
  return html;
}

function previews(html) {
  if (!SITE_URL) {
    console.log(
      `post-build: og:image stays relative (${PREVIEW_IMAGE}); set BURNRATE_SITE_URL to the site's address for previews that need an absolute one`,
    );
    return html;
  }
  const site = new URL(SITE_URL.endsWith('/') ? SITE_URL : `${SITE_URL}/`);
  for (const t of tags(html, 'meta').reverse()) {
    const key = t.attrs.get('property') ?? t.attrs.get('name');
    if ((key === 'og:image' || key === 'twitter:image') && t.attrs.has('content')) {
      const absolute = new URL(t.attrs.get('content'), site).href;
      const tag = `<meta ${t.attrs.has('property') ? 'property' : 'name'}="${key}" content="${escapeAttr(absolute)}">`;
      html = html.slice(0, t.start) + tag + html.slice(t.end);
    }
  }
  html = dropMeta(html, (a) => a.get('property') === 'og:url');
  return afterCharset(html, `<meta property="og:url" content="${escapeAttr(site.href)}">`);
}

/** The CSP hash source of every inline <script> (no src) in `html`. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/(^|\s)src\s*=/i.test(m[1])) continue;
    hashes.push(`sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}`);
  }
  return hashes;
}

async function compress(path) {
  const raw = await readFile(path);
  const ext = extname(path).toLowerCase();
  const [gz, br] = await Promise.all([
    gzipAsync(raw, { level: 9 }),
    brotliAsync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: TEXT.has(ext) ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
  ]);
  // A host picks the smaller encoding the browser accepts; one that would
  // not be smaller is left out.
  const written = { raw: raw.length, gz: raw.length, br: raw.length };
  if (gz.length < raw.length) {
    await writeFile(`${path}.gz`, gz);
    written.gz = gz.length;
  }
  if (br.length < raw.length) {
    await writeFile(`${path}.br`, br);
    written.br = br.length;
  }
  return written;
}

async function main() {
  const indexPath = join(DIR, 'index.html');
  let html = await readFile(indexPath, 'utf8');
  if (html.includes('.well-known/trunk/ws')) {
    console.log('post-build: a `trunk serve` build: no Content-Security-Policy, service worker or precompressed files');
    return;
  }

  // Start from Trunk's output even when run again on a finished build.
  for await (const path of walk(DIR)) if (isPrecompressed(path)) await rm(path);
  await rm(join(DIR, WORKER), { force: true });
  html = dropMeta(
    html,
    (a) => a.get('http-equiv')?.toLowerCase() === 'content-security-policy' || a.get('name') === 'burnrate:service-worker',
  );

  html = await oneStylesheet(html);
  html = previews(html);
  html = afterCharset(html, `<meta name="burnrate:service-worker" content="${WORKER}">`);
  const hashes = inlineScriptHashes(html);
  html = afterCharset(html, `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(policy(hashes))}">`);
  await writeFile(indexPath, html);

  const files = [];
  for await (const path of walk(DIR)) {
    const name = urlPath(path);
    if (name === WORKER || name === PREVIEW_IMAGE) continue;
    files.push([name, createHash('sha256').update(await readFile(path)).digest('hex')]);
  }
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const id = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
  // Its comments (whole lines only, so no code can be cut) stay in the source.
  const worker = (await readFile(join(ROOT, 'src', 'web', 'sw.js'), 'utf8'))
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//') && line.trim() !== '')
    .join('\n');
  await writeFile(join(DIR, WORKER), `const RELEASE = ${JSON.stringify({ id, files })};\n${worker}\n`);

  const sizes = [];
  for await (const path of walk(DIR)) {
    if (PRECOMPRESS && COMPRESSIBLE.has(extname(path).toLowerCase())) sizes.push(compress(path));
  }
  const totals = (await Promise.all(sizes)).reduce(
    (t, s) => ({ raw: t.raw + s.raw, gz: t.gz + s.gz, br: t.br + s.br }),
    { raw: 0, gz: 0, br: 0 },
  );
  console.log(
    `post-build: CSP with ${hashes.length} inline script hash(es); service worker release ${id} ` +
      `(${files.length} files); ${sizes.length} files precompressed: ${totals.raw} bytes, ` +
      `${totals.gz} gzip, ${totals.br} brotli`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(`post-build: ${err.stack ?? err}`);
    process.exit(1);
  });
}
