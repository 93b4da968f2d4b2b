import type { Year } from '../load/yearTemplates.js';
import { LETTER_CSS } from '../writers/html.js';
import { KEY_STATISTICS, NO_STATISTICS, rateText } from './keyStatistics.js';
import { attribute, sitePage, text } from './sitePage.js';
import { DATA_PAGE, INDEX_PAGE, letterPath } from './sitePaths.js';
import type { SiteAuthority } from './yearFigures.js';

/**
 * One authority's page: links to its letter (the HTML file as built, and
 * the PDF), its figures, and the letter itself, embedded as the HTML
 * letter's bytes give it (`letterBody`).
 */
export function authorityPage(year: Year, authority: SiteAuthority, letterHtml: string, draft: boolean): string {
  const up = '../';
  const main = [
    `<h1>${text(authority.name)}</h1>`,
    `<p>${text(authority.typeWords)}. The annual review letter ${text(year.year)}: <a href="${attribute(up + letterPath(authority.slug, 'html'))}">as a page of its own (HTML)</a>, <a href="${attribute(up + letterPath(authority.slug, 'pdf'))}">as a PDF</a>.</p>`,
    '<h2>Figures</h2>',
    figuresTable(authority),
    '<h2>The letter</h2>',
    letterBody(letterHtml),
  ].join('\n');
  const nav = `<a href="${up}${INDEX_PAGE}">Every authority, ${text(year.year)}</a> · <a href="${up}${DATA_PAGE}">Open data</a>`;
  return sitePage({ title: `${authority.name}: annual review letter ${year.year}`, main, nav, draft, style: LETTER_CSS });
}

function figuresTable(authority: SiteAuthority): string {
  const f = authority.figures;
  if (!f) return `<p>The letter has no statistics page: this authority has ${NO_STATISTICS} for the year.</p>`;
  const rows: [string, string, string][] = [
    ['Detailed investigations', String(f.investigations), ''],
    ['Upheld', String(f.upheld), ''],
    ['Compliance outcomes', String(f.compliance_outcomes), ''],
    ['Recommendations complied with', String(f.complied), ''],
    ['Satisfactory remedies provided by the authority', String(f.satisfactory_remedies), ''],
    ...KEY_STATISTICS.map((statistic): [string, string, string] => {
      const average = statistic.average(f);
      return [statistic.heading, rateText(authority, statistic), average === null ? 'none given' : `${average}%`];
    }),
    ...(f.upheld_per_100000 === null ? [] : [['Upheld per 100,000 residents', f.upheld_per_100000, f.average?.upheld_per_100000 ?? 'none given'] as [string, string, string]]),
  ];
  return [
    '<table>',
    `<caption>Figures for ${text(authority.name)}</caption>`,
    '<thead><tr><th scope="col">Figure</th><th scope="col">This authority</th><th scope="col">Average of similar authorities</th></tr></thead>',
    '<tbody>',
    ...rows.map(([name, value, average]) => `<tr><th scope="row">${text(name)}</th><td class="number">${text(value)}</td><td class="number">${text(average)}</td></tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

/** The letter's own markup, as its HTML file gives it: the `<div class="letter">` the HTML writer puts in its <main>. */
export function letterBody(letterHtml: string): string {
  const start = letterHtml.indexOf('<div class="letter"');
  const end = letterHtml.lastIndexOf('</main>');
  if (start < 0 || end < start) throw new Error('not an HTML letter written by letters: no <div class="letter"> in its <main>');
  return letterHtml.slice(start, end).trimEnd();
}
