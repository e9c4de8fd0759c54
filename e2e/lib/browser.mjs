/** One headless Debian Chromium per test file, a fresh context per test, and screenshots in e2e/screenshots/. */
import { after, before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

// Without the background-networking switches Chromium keeps calling Google's hosts, which this closed
// network refuses; --no-sandbox because CI runs as root.
const launchOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
};

let browser;
before(async () => {
  browser = await chromium.launch(launchOptions);
});
after(async () => {
  await browser?.close();
});

/** Saves a full-page screenshot as e2e/screenshots/NAME.png and says where. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = `${screenshotDir}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

const fileName = (title) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * A test that gets its own page (options: a browser context's, e.g. { viewport }); when it fails, the page is
 * saved as e2e/screenshots/<title>-failure.png before the error is reported.
 */
export function browserTest(title, options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  test(title, async (t) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
    const page = await context.newPage();
    try {
      await body(page, t);
    } catch (error) {
      await screenshot(page, `${fileName(title)}-failure`).catch((e) => console.log(`no screenshot: ${e.message}`));
      throw error;
    } finally {
      await context.close();
    }
  });
}
