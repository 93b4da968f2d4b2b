import type { Browser, Page } from 'puppeteer-core';

/** Headless Chromium from the npm package @sparticuz/chromium, with a new profile removed when it closes. */
export function launchBrowser(): Promise<Browser>;
/** axe-core's violations on the page, each with its rule, help text and the elements at fault. */
export function axeViolations(page: Page): Promise<{ id: string; help: string; nodes: string[] }[]>;
