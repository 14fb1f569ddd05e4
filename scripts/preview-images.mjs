// Renders the page's images into public/ from the real thing, in headless
// Chromium (run it after `trunk build --release`, then build again so dist/
// carries them; they are committed, so a build never needs a browser):
//
//   social-preview.png    1200×630, the link preview (og:image): the release
//                         page on its default scenario, with the controls,
//                         buttons and the panels below the spend chart hidden
//                         so that the key figures and the chart fill the card;
//   apple-touch-icon.png  180×180, public/favicon.svg drawn square (iOS rounds
//                         the corners itself and shows transparency as black);
//   favicon.ico           32×32, the same icon as a PNG inside an ICO file,
//                         for browsers that take no SVG icon.
//
// Usage: node scripts/preview-images.mjs

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DIST, ROOT, launchBrowser, serveDir } from '../tests/e2e/harness.mjs';

const PUBLIC = join(ROOT, 'public');

// Only hides and sizes what is there: every figure and the chart are drawn by the app.
const PREVIEW_CSS = `
  .sidebar, .app-header > :last-child, .scenario-heading > :not(.scenario-name),
  .kpis > :nth-child(n + 5), .charts > h2, .charts > :nth-child(n + 3), .charts ~ *,
  .catalog-note { display: none !important; }
  .layout { grid-template-columns: minmax(0, 1fr) !important; }
  .app { padding-block: 20px !important; gap: 16px !important; }
  .charts .chart-canvas { aspect-ratio: auto !important; height: 300px !important; max-height: none !important; }
`;

/** An ICO file holding one PNG image (the ICO format allows PNG data since Windows Vista). */
function icoOf(png, size) {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6); // width
  header.writeUInt8(size >= 256 ? 0 : size, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14); // image size
  header.writeUInt32LE(header.length, 18); // image offset
  return Buffer.concat([header, png]);
}

async function renderIcon(context, svg, size) {
  const page = await context.newPage();
  await page.setViewportSize({ width: size, height: size });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}"></body></html>`,
  );
  await page.locator('img').evaluate((img) => img.decode());
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  await page.close();
  return png;
}

async function main() {
  const server = await serveDir(DIST);
  // The preview hides parts of the page with a style sheet, which the page's
  // own policy rightly refuses; nothing here is a test of that policy.
  const browser = await launchBrowser({
    viewport: { width: 1200, height: 630 },
    bypassCSP: true,
    serviceWorkers: 'block',
    colorScheme: 'light',
  });
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.locator('[data-testid="monthly-cost"][data-value]:not([data-value=""])').waitFor({ timeout: 30000 });
    await page.addStyleTag({ content: PREVIEW_CSS });
    // The chart redraws at its new size on the next frames.
    await page.waitForTimeout(1000);
    await writeFile(join(PUBLIC, 'social-preview.png'), await page.screenshot());

    const svg = await readFile(join(PUBLIC, 'favicon.svg'), 'utf8');
    const square = svg.replace(/<rect([^>]*)\srx="[^"]*"/, '<rect$1');
    await writeFile(join(PUBLIC, 'apple-touch-icon.png'), await renderIcon(browser.context, square, 180));
    await writeFile(join(PUBLIC, 'favicon.ico'), icoOf(await renderIcon(browser.context, svg, 32), 32));
  } finally {
    await browser.close();
    await server.close();
  }
  console.log('wrote public/social-preview.png, public/apple-touch-icon.png, public/favicon.ico');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
