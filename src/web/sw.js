// Burnrate's service worker: after one visit the page opens and computes
// with no network, and a new release replaces the cached one whole.
//
// scripts/post-build.mjs writes dist/sw.js as `const RELEASE = {...};`
// followed by this file. RELEASE.id names the release (a digest of the
// file list below); RELEASE.files lists every file the page can need as
// [path relative to the worker's scope, SHA-256 of its bytes in hex].
//
// The policy:
// - Install fetches every file of the release, checks each one's SHA-256
//   (so a stale HTTP cache or a half-finished deployment can never put a
//   file of another release into the cache; a mismatch is fetched once more
//   past the HTTP cache, then the install fails and is retried on a later
//   visit), and stores them in one cache named after the release.
// - The page itself (a navigation to the scope or its index.html) comes from
//   the network while the network answers within NAVIGATION_TIMEOUT_MS, so an
//   online visit always gets the newest release; otherwise from the cache.
//   Every other file of the release comes from the cache. All asset names
//   carry a content hash, so a page of one release only ever asks for its
//   own files: releases never mix.
// - No skipWaiting: a new release's worker activates once no tab uses the
//   old one, so an open tab of the old release keeps its files (the parts it
//   loads on demand included) until it closes. Activation deletes every
//   other release's cache of this scope.
//
// Own code rather than Workbox (workbox-build 7.4.1), measured on
// 2026-12-01 with generateSW on this build: workbox-build installs 323 npm
// packages (77 MB: Babel, Rollup, Terser) to generate a 16.3 KB worker
// (5.7 KB gzipped; this one, file list included, is 5.1 KB and 2.3 KB),
// adds 2.1 s to every release build on this machine, and its generated
// router answers navigations from the precache before any network-first
// route (precacheAndRoute is registered first), so the network-first page
// above would need a directoryIndex workaround. Nor does it check a
// precached file's bytes, which is what keeps releases apart here.

/* global RELEASE */
'use strict';

const SCOPE = self.registration.scope;
const PREFIX = `burnrate ${SCOPE} `;
const CACHE = PREFIX + RELEASE.id;
const NAVIGATION_TIMEOUT_MS = 3000;
const PAGES = new Set([SCOPE, new URL('index.html', SCOPE).href]);
const FILES = new Map(RELEASE.files.map(([path, digest]) => [new URL(path, SCOPE).href, digest]));

async function sha256(response) {
  const bytes = await response.clone().arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// This release's bytes of `url`, or an exception saying what came instead.
async function fetchVerified(url, digest) {
  let problem = '';
  // First as any fetch would (a fresh HTTP-cache copy costs no download),
  // then past the HTTP cache.
  for (const mode of ['default', 'reload']) {
    const response = await fetch(url, { cache: mode });
    if (!response.ok) {
      problem = `HTTP ${response.status}`;
    } else if ((await sha256(response)) !== digest) {
      problem = 'the server sent another release of it';
    } else {
      return response;
    }
  }
  throw new Error(`${url}: ${problem}`);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(
        [...FILES].map(async ([url, digest]) => {
          // Entries are only ever stored verified: a retried install keeps them.
          if (await cache.match(url)) return;
          await cache.put(url, await fetchVerified(url, digest));
        }),
      );
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // The page's network request starts while the worker boots.
      await self.registration.navigationPreload?.enable();
      // The first visit's page (loaded before any worker) is served from now
      // on too, so the parts it loads on demand work offline at once.
      await self.clients.claim();
    })(),
  );
});

async function fromCache(url) {
  const cache = await caches.open(CACHE);
  return cache.match(url);
}

// The page: from the network if it answers in time, else this release's copy.
function page(event) {
  const network = (async () => (await event.preloadResponse) ?? fetch(event.request))();
  // Keeps the network request (and its preload) alive if the cached copy wins.
  event.waitUntil(network.catch(() => undefined));
  const cached = () => fromCache(new URL('index.html', SCOPE).href);
  return new Promise((resolve, reject) => {
    let settled = false;
    const fallBack = async (err) => {
      if (settled) return;
      const copy = await cached();
      if (settled) return;
      if (copy) {
        settled = true;
        resolve(copy);
      } else if (err) {
        settled = true;
        reject(err);
      }
    };
    const timer = setTimeout(() => fallBack(null), NAVIGATION_TIMEOUT_MS);
    network.then(
      (response) => {
        clearTimeout(timer);
        // A server in trouble: this release's copy is more use than its error page.
        if (response.status >= 500) {
          fallBack(null).then(() => {
            if (!settled) {
              settled = true;
              resolve(response);
            }
          });
          return;
        }
        if (!settled) {
          settled = true;
          resolve(response);
        }
      },
      (err) => {
        clearTimeout(timer);
        fallBack(err);
      },
    );
  });
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  if (request.mode === 'navigate') {
    url.search = '';
    if (PAGES.has(url.href)) event.respondWith(page(event));
    return;
  }
  if (FILES.has(url.href)) {
    event.respondWith(fromCache(url.href).then((hit) => hit ?? fetch(request)));
  }
});
