// A static host for the hosted-page tests and the page benchmark: serves a
// build directory under a sub-path the way GitHub Pages and a plain nginx
// serve one, so the tests see what a deployed page sees:
//
// - the site lives under `base` (e.g. /burnrate/); `base` without its slash
//   redirects to it, anything outside it is a 404;
// - `Cache-Control: max-age=600` and an ETag on every file (GitHub Pages'
//   headers), with 304 answers to If-None-Match;
// - a precompressed `.br` or `.gz` file beside the requested one is sent with
//   its Content-Encoding when the browser accepts it (nginx gzip_static /
//   brotli_static, Caddy's `precompressed`);
// - `setDir` swaps the whole site at once, like a new deployment;
// - every request is logged in `requests` ({ path, status, encoding }).

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

import { CONTENT_TYPES } from './harness.mjs';

/** Accepted encodings of a request, best first: br, then gzip. */
function accepted(header = '') {
  const names = header
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || Number(q.split('=')[1]) > 0)
    .map(([name]) => name.trim().toLowerCase());
  return [
    ['br', '.br'],
    ['gzip', '.gz'],
  ].filter(([name]) => names.includes(name));
}

/**
 * Serves `dir` under `base` on 127.0.0.1 (ephemeral port). Resolves to
 * `{ origin, url, requests, setDir, close }`; `url` is the site's address
 * (origin + base).
 */
export async function serveSite({ dir, base = '/', maxAge = 600, precompressed = true } = {}) {
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`base must start and end with /: ${base}`);
  let root = resolve(dir);
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const log = (status, encoding = '') => requests.push({ path: pathname, status, encoding });
    try {
      if (`${pathname}/` === base) {
        res.writeHead(301, { location: base }).end();
        log(301);
        return;
      }
      if (!pathname.startsWith(base)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        log(404);
        return;
      }
      let file = normalize(join(root, decodeURIComponent(pathname.slice(base.length))));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        log(403);
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        log(404);
        return;
      }
      let body = await readFile(file);
      const headers = {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': `max-age=${maxAge}`,
        vary: 'Accept-Encoding',
      };
      let encoding = '';
      if (precompressed) {
        for (const [name, suffix] of accepted(req.headers['accept-encoding'])) {
          const packed = await readFile(file + suffix).catch(() => null);
          if (packed) {
            body = packed;
            encoding = name;
            headers['content-encoding'] = name;
            break;
          }
        }
      }
      headers.etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      if (req.headers['if-none-match'] === headers.etag) {
        res.writeHead(304, headers).end();
        log(304, encoding);
        return;
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      log(200, encoding);
    } catch (err) {
      res.writeHead(500).end(String(err));
      log(500);
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + base,
    requests,
    /** Serves `next` from now on: a new deployment, all files at once. */
    setDir(next) {
      root = resolve(next);
    },
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
