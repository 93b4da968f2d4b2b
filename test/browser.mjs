// Headless Chromium for the browser tests and `npm run screenshots`. The
// binary ships inside the npm package @sparticuz/chromium (brotli-packed,
// unpacked into the temp folder on first use), so `npm ci` brings it and
// nothing is downloaded. It is started as the machines here run tests (root,
// no display, no network beyond loopback): no sandbox, no GPU, none of the
// browser's own background connections, a new empty profile.
import chromium from '@sparticuz/chromium';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'letters-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: await chromium.executablePath(),
    headless: 'shell',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--font-render-hinting=none',
      `--user-data-dir=${profile}`,
    ],
  });
  // Chromium may still be writing its profile as it disconnects: retry, and never fail a test over a temp folder.
  browser.once('disconnected', () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // left in the temp folder
    }
  });
  return browser;
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core in the page (every rule it runs by default: WCAG 2 A and AA, and best practices) and returns its violations. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}
