import chromium from '@sparticuz/chromium';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createRequire } from 'node:module';

/**
 * Headless Chromium for the browser tests: the binary ships inside the npm
 * package @sparticuz/chromium (unpacked to the temp folder on first use), so
 * `npm ci` brings it and nothing is downloaded. Started as the machines here
 * run tests (root, no display, no network beyond loopback): no sandbox, no
 * GPU, none of the browser's own background connections, a new profile.
 */
export async function launchBrowser(): Promise<Browser & { profile: string }> {
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
  browser.once('disconnected', () => rmSync(profile, { recursive: true, force: true }));
  return Object.assign(browser, { profile });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core in the page (WCAG 2.x A and AA rules and best practices) and returns its violations. */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return violations;
}
