import { longDate } from '../compute/figures.js';
import type { Year } from '../load/yearTemplates.js';
import type { Chart } from './charts.js';
import { KEY_STATISTICS, NO_STATISTICS, rateText } from './keyStatistics.js';
import { attribute, simpleTable, sitePage, text } from './sitePage.js';
import { hasPerResidents, typesPresent, type SiteAuthority } from './yearFigures.js';
import { authorityPagePath, letterPath } from './sitePaths.js';

/**
 * The index of a published year: every authority in one table, ordered by
 * name, complete without script; the script (INDEX_SCRIPT) adds sorting by
 * any column and a filter by type. Below it, the year's three pictures, each
 * with its text alternative and the table it was drawn from.
 */
export function indexPage(year: Year, authorities: readonly SiteAuthority[], charts: readonly Chart[], draft: boolean): string {
  const perResidents = hasPerResidents(authorities);
  const headers = [
    { words: 'Authority', sort: 'text' },
    { words: 'Type', sort: 'text' },
    { words: 'Investigations', sort: 'number' },
    ...KEY_STATISTICS.map((statistic) => ({ words: statistic.heading, sort: 'number' })),
    ...(perResidents ? [{ words: 'Upheld per 100,000 residents', sort: 'number' }] : []),
    { words: 'Letter', sort: '' },
  ];
  const head = `<thead><tr>${headers.map((header) => `<th scope="col"${header.sort ? ` data-sort="${header.sort}"` : ''}>${text(header.words)}</th>`).join('')}</tr></thead>`;
  const rows = authorities.map((authority) => authorityRow(authority, perResidents));
  const types = typesPresent(authorities).map((type) => `<option value="${attribute(type.type)}">${text(type.words)}</option>`).join('');
  const title = `Annual review letters ${year.year}`;
  const main = [
    `<h1>${text(title)}</h1>`,
    `<p>${authorities.length === 1 ? 'The letter' : `The ${authorities.length} letters`} for ${text(longDate(year.config.period.start))} to ${text(longDate(year.config.period.end))}, one to each authority, with the figures each letter gives. <a href="data.html">Open data: the figures as CSV and JSON, and what each column means</a>.</p>`,
    '<h2 id="authorities-heading">Every authority</h2>',
    `<template id="filter-template"><p class="filter"><label for="type-filter">Show</label> <select id="type-filter"><option value="">every type</option>${types}</select> <span id="shown" role="status"></span></p></template>`,
    '<div class="table-wrap">',
    '<table id="authorities" aria-labelledby="authorities-heading">',
    head,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</div>',
    '<h2>Pictures of the year</h2>',
    ...charts.map(chartFigure),
  ].join('\n');
  return sitePage({ title, main, nav: '', draft, script: INDEX_SCRIPT });
}

function authorityRow(authority: SiteAuthority, perResidents: boolean): string {
  const f = authority.figures;
  const numberCell = (value: number | null, shown: string) => (value === null ? `<td>${text(shown)}</td>` : `<td class="number" data-value="${value}">${text(shown)}</td>`);
  const cells = [
    `<th scope="row"><a href="${attribute(authorityPagePath(authority.slug))}">${text(authority.name)}</a></th>`,
    `<td>${text(authority.typeWords)}</td>`,
    f ? numberCell(f.investigations, String(f.investigations)) : numberCell(null, NO_STATISTICS),
    ...KEY_STATISTICS.map((statistic) => numberCell(f ? statistic.rate(f) : null, rateText(authority, statistic))),
    ...(perResidents ? [f?.upheld_per_100000 != null ? numberCell(Number(f.upheld_per_100000), f.upheld_per_100000) : numberCell(null, f ? 'no population given' : NO_STATISTICS)] : []),
    `<td><a href="${attribute(letterPath(authority.slug, 'html'))}">HTML<span class="visually-hidden"> letter to ${text(authority.name)}</span></a> <a href="${attribute(letterPath(authority.slug, 'pdf'))}">PDF<span class="visually-hidden"> letter to ${text(authority.name)}</span></a></td>`,
  ];
  return `<tr data-type="${attribute(authority.type)}">${cells.join('')}</tr>`;
}

/** A picture inlined, its caption, its text alternative and the figures it was drawn from. */
export function chartFigure(chart: Chart): string {
  return [
    `<figure id="picture-${attribute(chart.id)}">`,
    `<figcaption id="${attribute(chart.id)}-caption">${text(chartTitle(chart))}</figcaption>`,
    chart.svg,
    `<p id="${attribute(chart.id)}-alt">${text(chart.alt)}</p>`,
    '<details>',
    `<summary>The figures of this picture</summary>`,
    simpleTable(chartTitle(chart), chart.table.headers, chart.table.rows),
    '</details>',
    '</figure>',
  ].join('\n');
}

function chartTitle(chart: Chart): string {
  return KEY_STATISTICS.find((statistic) => statistic.id === chart.id)?.title ?? chart.id;
}

/**
 * Sorting and filtering, added by script to a table that is whole without
 * it: each sortable header becomes a button (again: the other way round),
 * rows without a figure always last; the filter (from its <template>) hides
 * the rows of other types and says how many are shown.
 */
export const INDEX_SCRIPT = `
const table = document.getElementById('authorities');
const body = table.tBodies[0];
const rows = Array.from(body.rows);
const headers = Array.from(table.tHead.rows[0].cells);
headers.forEach((header, column) => {
  const kind = header.dataset.sort;
  if (!kind) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = header.textContent;
  header.replaceChildren(button);
  button.addEventListener('click', () => {
    const ascending = header.getAttribute('aria-sort') !== 'ascending';
    for (const other of headers) other.removeAttribute('aria-sort');
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const key = (row) => {
      const cell = row.cells[column];
      if (kind === 'number') return cell.dataset.value === undefined ? null : Number(cell.dataset.value);
      return cell.textContent;
    };
    const sorted = rows.slice().sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order = kind === 'number' ? x - y : x.localeCompare(y, 'en-GB');
      return ascending ? order : -order;
    });
    body.append(...sorted);
  });
});
const filter = document.getElementById('filter-template').content.cloneNode(true);
table.parentElement.before(filter);
const select = document.getElementById('type-filter');
const shown = document.getElementById('shown');
select.addEventListener('change', () => {
  let count = 0;
  for (const row of rows) {
    row.hidden = select.value !== '' && row.dataset.type !== select.value;
    if (!row.hidden) count += 1;
  }
  shown.textContent = count + ' of ' + rows.length + ' shown';
});
`;
