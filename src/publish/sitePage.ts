import { createHash } from 'node:crypto';
import { DRAFT_MARK } from '../document/draft.js';
import { escapeHtmlAttribute, escapeHtmlText } from '../writers/html.js';

/**
 * The frame of every page of a published year: `lang="en-GB"`, a title, a
 * Content-Security-Policy that lets nothing be fetched from anywhere (the
 * one inline script allowed by its hash, styles inline, images only as
 * `data:`), the site's style, and a draft mark on every page of a draft.
 */
export interface SitePageInput {
  title: string;
  /** The page's markup, inside <main>. */
  main: string;
  /** Links back, above the main part ("" for the index). */
  nav: string;
  draft: boolean;
  /** Extra style rules (the letter's, on an authority page). */
  style?: string;
  /** One inline script, allowed by its hash. */
  script?: string;
}

export const text = escapeHtmlText;
export const attribute = escapeHtmlAttribute;

export function sitePage(page: SitePageInput): string {
  const scriptSource = page.script === undefined ? "'none'" : `'sha256-${createHash('sha256').update(page.script).digest('base64')}'`;
  const policy = `default-src 'none'; script-src ${scriptSource}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(page.draft ? `${DRAFT_MARK} – ${page.title}` : page.title)}</title>`,
    '<meta name="generator" content="letters">',
    `<style>\n${SITE_CSS}${page.style ?? ''}</style>`,
    '</head>',
    '<body>',
    ...(page.nav === '' ? [] : [`<nav aria-label="Site">${page.nav}</nav>`]),
    '<main>',
    ...(page.draft ? [`<p class="draft-mark">${DRAFT_MARK}: not the published letters</p>`] : []),
    page.main,
    '</main>',
    ...(page.script === undefined ? [] : [`<script>${page.script}</script>`]),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A table with column headers and, where `rowHeader`, the first cell of each row as its row's header. */
export function simpleTable(caption: string, headers: string[], rows: string[][], rowHeader = true): string {
  const head = `<thead><tr>${headers.map((header) => `<th scope="col">${text(header)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((row) => `<tr>${row.map((cell, index) => (index === 0 && rowHeader ? `<th scope="row">${text(cell)}</th>` : `<td>${text(cell)}</td>`)).join('')}</tr>`);
  return ['<table>', `<caption>${text(caption)}</caption>`, head, '<tbody>', ...body, '</tbody>', '</table>'].join('\n');
}

const SITE_CSS = `body { margin: 0; font-family: system-ui, sans-serif; color: #0b0c0c; background: #ffffff; line-height: 1.4; }
nav, main { max-width: 72rem; margin: 0 auto; padding: 0.5rem 1rem; }
nav a { color: #1d70b8; }
a { color: #1d70b8; }
a:visited { color: #4c2c92; }
a:focus, button:focus, select:focus { outline: 3px solid #ffdd00; outline-offset: 0; }
h1 { font-size: 1.75rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.35rem; margin: 1.5rem 0 0.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; color: #1d70b8; text-decoration: underline; cursor: pointer; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
.table-wrap { overflow-x: auto; }
figure { margin: 1rem 0 2rem; }
figcaption { font-weight: bold; font-size: 1.1rem; margin-bottom: 0.5rem; }
figure svg { max-width: 100%; height: auto; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.draft-mark { margin: 0 0 1em; padding: 0.25em 0.5em; border: 2px solid #942514; color: #942514; font-weight: bold; text-align: center; }
.filter { margin: 0.5rem 0; }
`;
