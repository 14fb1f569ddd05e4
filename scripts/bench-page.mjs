// Page speed benchmark; run through scripts/bench-page. Serves dist/ with the
// e2e harness's server (behind a small proxy that adds the cache headers a
// static host would send, because the harness serves everything no-store),
// drives headless Chromium and prints a Markdown table.
//
//   load   page.goto start → [data-testid=monthly-cost] first has a non-empty
//          data-value. Timed twice: on the Node clock (goto start → the
//          page's MutationObserver calling back into Node) and in the page
//          (performance.now(), i.e. since navigation start, when the observer
//          sees the value, and at the next animation frame).
//   input  users slider value set + 'input' dispatched (t0 just before the
//          dispatch) → the second requestAnimationFrame callback after it (the
//          frame holding the update has been painted). Every move is checked:
//          the monthly-cost figure and the spend chart's pixels must have
//          changed by then, or the move is counted as stale.
//   aligned  the same, but each input is dispatched inside a
//          requestAnimationFrame callback (where Chrome delivers a dragged
//          slider's input: at the start of a frame) → a message posted right
//          after it runs, i.e. once that frame's style, layout and paint are
//          done. This is input → painted frame without the wait for vsync.
//          Measured for the users slider, then the same way for the volume
//          and cache sliders (each on a fresh page).
//
//   cold   a fresh browser profile per load (empty HTTP cache, no service
//          worker), the release served as a static host serves it
//          (tests/e2e/hosted-server.mjs: the precompressed .br files), from
//          navigation start to the first key figure in page; once at full
//          speed and once under Chromium's emulation of a slow mobile link
//          (CDP Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s
//          up, 150 ms latency; the CPU is not slowed). Also the bytes
//          received before the figure (encoded, headers included).
//
// BENCH_PATH (optional) is appended to the page's address, e.g. a `#s=…`
// link, so that two builds can be measured on the same scenario whatever
// each opens by default.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

import { CHROMIUM_PATH, DIST, launchBrowser, serveDir } from '../tests/e2e/harness.mjs';
import { serveSite } from '../tests/e2e/hosted-server.mjs';

const LOADS = Number(process.argv[2] ?? 20);
const MOVES = Number(process.argv[3] ?? 200);
const COLD_LOADS = Number(process.argv[4] ?? 5);

/** Lighthouse's mobile link ("slow 4G"), in the units of CDP Network.emulateNetworkConditions. */
const SLOW_MOBILE = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6e6 / 8) | 0,
  uploadThroughput: (750e3 / 8) | 0,
};

/** A proxy in front of `upstream` that makes hashed assets cacheable (index.html revalidates). */
async function cachingProxy(upstream) {
  const target = new URL(upstream);
  const server = http.createServer((req, res) => {
    const up = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (upRes) => {
        const headers = { ...upRes.headers };
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        headers['cache-control'] =
          path === '/' || path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
        res.writeHead(upRes.statusCode ?? 502, headers);
        upRes.pipe(res);
      },
    );
    up.on('error', (err) => res.writeHead(502).end(String(err)));
    req.pipe(up);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

// Installed before any page script: notes when the first key figure has a value.
const FIGURE_WATCH = () => {
  const seen = () => {
    const el = document.querySelector('[data-testid="monthly-cost"]');
    const v = el?.getAttribute('data-value');
    return v !== undefined && v !== null && v !== '';
  };
  const observer = new MutationObserver(() => {
    if (window.__figureAt !== undefined || !seen()) return;
    window.__figureAt = performance.now();
    observer.disconnect();
    window.__benchFigure?.();
    requestAnimationFrame(() => {
      window.__figureFrameAt = performance.now();
    });
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
};

// Installed in the pages that time slider moves: one frame-aligned move.
// Sets `slider` to `position` and dispatches its input inside a
// requestAnimationFrame callback (where Chrome delivers a dragged slider's
// input); resolves with the time until a message posted right after the
// dispatch runs, i.e. after the page's update (microtasks) and that frame's
// style, layout and paint.
const ALIGNED_MOVE = () => {
  window.__alignedMove = (slider, position) =>
    new Promise((resolve) => {
      requestAnimationFrame(() => {
        slider.value = position;
        const t0 = performance.now();
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - t0);
        channel.port2.postMessage(null);
      });
    });
};

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const rank = (p) => s[Math.max(0, Math.ceil(p * s.length) - 1)];
  return { n: s.length, p50: rank(0.5), p95: rank(0.95), max: s[s.length - 1], min: s[0] };
}

const ms = (x) => (x === undefined ? '—' : `${x.toFixed(1)} ms`);

async function measureLoads(context, url) {
  const node = [];
  const dom = [];
  const frame = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let seenAt;
    let resolveSeen;
    const seen = new Promise((ok) => {
      resolveSeen = ok;
    });
    await page.exposeFunction('__benchFigure', () => {
      seenAt = performance.now();
      resolveSeen();
    });
    await page.addInitScript(FIGURE_WATCH);
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await Promise.race([
      seen,
      new Promise((_, fail) => setTimeout(() => fail(new Error(`load ${i + 1}: no figure after 30 s`)), 30000)),
    ]);
    node.push(seenAt - t0);
    await page.waitForFunction(() => window.__figureFrameAt !== undefined);
    const inPage = await page.evaluate(() => [window.__figureAt, window.__figureFrameAt]);
    dom.push(inPage[0]);
    frame.push(inPage[1]);
    if (errors.length) throw new Error(`load ${i + 1}: page errors: ${errors.join('; ')}`);
    await page.close();
  }
  return { node, dom, frame };
}

async function measureInput(context, url) {
  const page = await context.newPage();
  await page.addInitScript(ALIGNED_MOVE);
  await page.goto(url);
  await page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 30000 });
  // Let the charts size themselves and draw once.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const result = await page.evaluate(async (moves) => {
    const slider = document.querySelector('[data-testid="users-slider"]');
    const figure = document.querySelector('[data-testid="monthly-cost"]');
    const chart = document.querySelector('[data-testid="spend-chart"]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const chartHash = () => {
      const d = chart.getContext('2d').getImageData(0, 0, chart.width, chart.height).data;
      let h = 0x811c9dc5;
      for (let i = 0; i < d.length; i += 4) h = Math.imul(h ^ d[i] ^ (d[i + 1] << 8) ^ (d[i + 2] << 16), 16777619);
      return h;
    };
    const latencies = [];
    const firstFrame = [];
    const handler = [];
    const work = [];
    let stale = 0;
    let lastValue = figure.getAttribute('data-value');
    let lastHash = chartHash();
    await frame();
    for (let i = 0; i < moves; i++) {
      // Positions 1.00 … 5.99 in an order where consecutive moves are far apart.
      const position = (1 + ((i * 37 + 11) % 500) / 100).toFixed(2);
      slider.value = position;
      const t0 = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = performance.now();
      // A macrotask runs only after every microtask: by then the page has
      // recomputed, re-rendered and redrawn every chart.
      await new Promise((r) => setTimeout(r, 0));
      work.push(performance.now() - t0);
      await frame();
      const tf = performance.now();
      await frame();
      const t2 = performance.now();
      latencies.push(t2 - t0);
      firstFrame.push(tf - t0);
      handler.push(t1 - t0);
      const value = figure.getAttribute('data-value');
      const hash = chartHash();
      if (value === lastValue || hash === lastHash) stale++;
      lastValue = value;
      lastHash = hash;
    }
    // The same moves, each dispatched at the start of a frame (inside a
    // requestAnimationFrame callback), where Chrome delivers a dragged
    // slider's input; "painted" is when a message posted right after the
    // dispatch runs: after that frame's style, layout and paint.
    const aligned = [];
    let alignedStale = 0;
    for (let i = 0; i < moves; i++) {
      const position = (1 + ((i * 53 + 7) % 500) / 100).toFixed(2);
      aligned.push(await window.__alignedMove(slider, position));
      const value = figure.getAttribute('data-value');
      const hash = chartHash();
      if (value === lastValue || hash === lastHash) alignedStale++;
      lastValue = value;
      lastHash = hash;
      await frame();
    }
    return { latencies, firstFrame, handler, work, stale, aligned, alignedStale };
  }, MOVES);
  await page.close();
  return result;
}

// Frame-aligned moves of one slider (`testid`) across its whole range, on
// a fresh page after WARM_UP untimed moves (the users slider's row follows
// 200 moves on its page: the same footing); each timed move must change the
// monthly cost, or it is stale.
const WARM_UP = 20;
async function measureAligned(context, url, testid) {
  const page = await context.newPage();
  await page.addInitScript(ALIGNED_MOVE);
  await page.goto(url);
  await page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 30000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const result = await page.evaluate(
    async ([moves, testid, warmUp]) => {
      const slider = document.querySelector(`[data-testid="${testid}"]`);
      const figure = document.querySelector('[data-testid="monthly-cost"]');
      const [min, max] = [Number(slider.min), Number(slider.max)];
      const painted = [];
      let stale = 0;
      let lastValue = figure.getAttribute('data-value');
      for (let i = -warmUp; i < moves; i++) {
        // Positions across the range in an order where consecutive moves differ.
        const position = String(min + ((((i + 1000) * 53 + 7) % 100) / 100) * (max - min));
        painted.push(await window.__alignedMove(slider, position));
        const value = figure.getAttribute('data-value');
        if (value === lastValue && i >= 0) stale++;
        lastValue = value;
        await new Promise((r) => requestAnimationFrame(() => r()));
      }
      return { painted: painted.slice(warmUp), stale };
    },
    [MOVES, testid, WARM_UP],
  );
  await page.close();
  return result;
}

// Cold loads: each in a fresh browser profile, optionally under `conditions`.
async function measureCold(url, conditions) {
  const figure = [];
  const bytes = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.enable');
      if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
      let received = 0;
      cdp.on('Network.loadingFinished', (e) => {
        received += e.encodedDataLength;
      });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(FIGURE_WATCH);
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__figureAt !== undefined, null, { timeout: 120000 });
      figure.push(await page.evaluate(() => window.__figureAt));
      bytes.push(received);
      if (errors.length) throw new Error(`cold load ${i + 1}: page errors: ${errors.join('; ')}`);
    } finally {
      await browser.close();
    }
  }
  return { figure, bytes };
}

function machine() {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) model = line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux: keep os.cpus()'s name
  }
  let nproc;
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    nproc = String(cpus().length);
  }
  return `${nproc} cores (${model})`;
}

async function main() {
  const chromiumVersion = execFileSync(CHROMIUM_PATH, ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  const wasm = readFileSync(`${DIST}/index.html`, 'utf8').match(/[\w-]+_bg\.wasm/)?.[0];
  const server = await serveDir(DIST);
  const proxy = await cachingProxy(server.url);
  const browser = await launchBrowser();
  let loads;
  let input;
  let cold;
  let slow;
  const others = [];
  try {
    process.stderr.write(`loading the page ${LOADS} times…\n`);
    const url = new URL(process.env.BENCH_PATH ?? '', proxy.url).href;
    loads = await measureLoads(browser.context, url);
    process.stderr.write(`moving the users slider ${MOVES} times…\n`);
    input = await measureInput(browser.context, url);
    for (const testid of ['volume-slider', 'cache-slider']) {
      process.stderr.write(`moving the ${testid} ${MOVES} times…\n`);
      others.push([testid, await measureAligned(browser.context, url, testid)]);
    }
  } finally {
    await browser.close();
    await proxy.close();
    await server.close();
  }
  const host = await serveSite({ dir: DIST });
  try {
    const url = new URL(process.env.BENCH_PATH ?? '', host.url).href;
    process.stderr.write(`${COLD_LOADS} cold loads at full speed…\n`);
    cold = await measureCold(url, null);
    process.stderr.write(`${COLD_LOADS} cold loads on a slow mobile link…\n`);
    slow = await measureCold(url, SLOW_MOBILE);
  } finally {
    await host.close();
  }

  const node = stats(loads.node);
  const dom = stats(loads.dom);
  const frame = stats(loads.frame);
  const lat = stats(input.latencies);
  const first = stats(input.firstFrame);
  const handler = stats(input.handler);
  const work = stats(input.work);
  const aligned = stats(input.aligned);
  const warm = stats(loads.node.slice(1));
  const date = new Date().toISOString().slice(0, 10);

  const rows = [
    ['Load → first key figure (Node clock: `goto` start → monthly-cost has a value)', node, LOADS],
    ['  same, in page (`performance.now()` when the value appears)', dom, LOADS],
    ['  same, in page, next animation frame after it', frame, LOADS],
    ['  warm loads only (2nd onwards, Node clock)', warm, LOADS - 1],
    ['Cold load (fresh profile, precompressed files) → first key figure, in page', stats(cold.figure), COLD_LOADS],
    [
      '  same, slow mobile link (1.6 Mbit/s, 150 ms latency, Chromium network emulation)',
      stats(slow.figure),
      COLD_LOADS,
    ],
    ['Users slider `input` → second rAF (figures + charts painted)', lat, MOVES],
    ['  input → all figures recomputed and every chart on screen redrawn (before paint)', work, MOVES],
    ['  input → first rAF (the next frame starts; frames are 16.7 ms apart)', first, MOVES],
    ['  `dispatchEvent` itself (the rest runs in microtasks)', handler, MOVES],
    ['Users slider `input` at the start of a frame (as a drag delivers it) → that frame painted (message after rendering)', aligned, MOVES],
    ...others.map(([testid, r]) => [
      `  same, \`${testid}\` across its range (fresh page, after ${WARM_UP} untimed moves)`,
      stats(r.painted),
      MOVES,
    ]),
  ];
  const out = [];
  out.push('| Measure | Median | p95 | Max | Runs |');
  out.push('|---|--:|--:|--:|--:|');
  for (const [name, s, n] of rows) out.push(`| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${n} |`);
  out.push('');
  out.push(`First (cold-cache) load: ${ms(loads.node[0])} on the Node clock, figure at ${ms(loads.dom[0])} in page.`);
  out.push(
    `Bytes received before the first figure on a cold load (encoded, headers included): ` +
      `${stats(cold.bytes).p50} at full speed, ${stats(slow.bytes).p50} on the slow link (medians).`,
  );
  out.push(
    `Stale moves (figure or spend chart not yet changed at the second rAF): ${input.stale} of ${MOVES}; ` +
      `frame-aligned: ${input.alignedStale} of ${MOVES}` +
      others.map(([testid, r]) => `; ${testid}: ${r.stale} of ${MOVES}`).join('') +
      '.',
  );
  out.push('');
  out.push(
    `${chromiumVersion} headless, release build (${wasm ?? 'wasm'}), served from loopback; ` +
      `${machine()}; ${date}. Measured with \`scripts/bench-page\`.`,
  );
  console.log(out.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
