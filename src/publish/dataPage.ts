import type { Year } from '../load/yearTemplates.js';
import { KEY_STATISTICS, NO_STATISTICS } from './keyStatistics.js';
import type { OpenData } from './openData.js';
import { attribute, simpleTable, sitePage, text } from './sitePage.js';
import { dataFile, INDEX_PAGE } from './sitePaths.js';

/** The open data page: the two files, what each column means, and how each rate is worked out. */
export function dataPage(year: Year, data: OpenData, draft: boolean): string {
  const csv = dataFile(year.year, 'csv');
  const json = dataFile(year.year, 'json');
  const main = [
    `<h1>Open data: the ${text(year.year)} figures</h1>`,
    `<p>Every authority's figures, one row each, as <a href="${attribute(csv)}">CSV (${text(csv)})</a> and as <a href="${attribute(json)}">JSON (${text(json)})</a>. The CSV has the columns <code>letters import</code> reads, so it can be imported again, followed by the figures computed from them. The JSON holds the same rows, each keyed by field, and this list of columns.</p>`,
    '<h2>How the rates are computed</h2>',
    '<ul>',
    ...KEY_STATISTICS.map((statistic) => `<li><strong>${text(statistic.heading)}</strong>: ${text(statistic.computedAs)}, as a whole percent rounded half up (12.5% is 13%). Where there is nothing to divide by, there is no rate (${text(statistic.whenNone)}), never 0%.</li>`),
    '<li><strong>Upheld per 100,000 residents</strong>: upheld investigations × 100,000 ÷ the population, rounded half up to one decimal place; only where the population is given.</li>',
    "<li><strong>Averages of similar authorities</strong>: the averages each letter compares with, for the five council types (county, district, metropolitan borough, unitary, London borough); other bodies have none.</li>",
    `<li>An authority whose letter has no statistics page has ${text(NO_STATISTICS)}: its figures are blank and it is left out of the pictures, never counted as 0.</li>`,
    '</ul>',
    '<h2>The columns</h2>',
    simpleTable(`The columns of ${csv} and ${json}`, ['Column (CSV header)', 'Field (JSON key)', 'What it means'], data.columns.map((column) => [column.header, column.field, column.meaning])),
  ].join('\n');
  return sitePage({ title: `Open data: annual review letters ${year.year}`, main, nav: `<a href="${INDEX_PAGE}">Every authority, ${text(year.year)}</a>`, draft });
}
