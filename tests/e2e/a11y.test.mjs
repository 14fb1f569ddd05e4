// Accessibility: axe-core (node_modules/axe-core) run inside the loaded page,
// once as it opens (the default preset) and once with every collapsible
// editor section open. No violation of impact "serious" or "critical" may
// remain; the failure lists each one with the elements it hits.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { injectAxe, startApp } from './harness.mjs';

const BLOCKING = new Set(['serious', 'critical']);

let app;
let page;
let errors;

before(async () => {
  app = await startApp();
  ({ page, errors } = await app.open(''));
  await page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 10000 });
  await injectAxe(page);
});

after(async () => {
  await app?.close();
});

/** Runs axe on the whole page; resolves to its violations, trimmed for printing. */
async function axeViolations() {
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      count: v.nodes.length,
      targets: v.nodes.slice(0, 4).map((n) => ({
        target: n.target.join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
      })),
    }));
  });
}

function describe(violations) {
  return violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}, ${v.count} element${v.count === 1 ? '' : 's'}): ${v.help}\n` +
        v.targets.map((t) => `    ${t.target}\n      ${t.summary}`).join('\n'),
    )
    .join('\n');
}

async function assertNoBlockingViolations(what) {
  const violations = await axeViolations();
  const blocking = violations.filter((v) => BLOCKING.has(v.impact));
  const minor = violations.filter((v) => !BLOCKING.has(v.impact));
  if (minor.length) console.log(`# ${what}: minor axe findings (not failing):\n${describe(minor)}`);
  assert.equal(blocking.length, 0, `${what}: axe found serious or critical violations:\n${describe(blocking)}`);
}

test('axe: no serious or critical violation on the page as it opens', async () => {
  await assertNoBlockingViolations('default preset');
});

test('axe: no serious or critical violation with the editor sections open', async () => {
  const opened = await page.evaluate(() => {
    const all = document.querySelectorAll('details');
    all.forEach((d) => {
      d.open = true;
    });
    return all.length;
  });
  // Opened sections may render their contents lazily: give them a frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  if (opened === 0) console.log('# the page has no <details> sections');
  await assertNoBlockingViolations(`with ${opened} <details> sections open`);
});

test('axe run logged no page errors', () => {
  assert.deepEqual(errors, []);
});
