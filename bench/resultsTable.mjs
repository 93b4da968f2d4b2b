// The benchmark's table, made only from its results (bench/results.json), so
// a figure is written down once: by the run that measured it.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const RESULTS_PAGE = join(ROOT, 'docs/bench-results.md');

/** How a row's figure was taken: the median of its samples, or its one run. */
function runs(result) {
  const count = result.samples?.length ?? result.runs ?? 1;
  return count === 1 ? 'one run' : `median of ${count}`;
}

/** The rows of `letters export` and `letters import`, also printed alone by `node bench/run.mjs sheet`. */
export function sheetRows(r) {
  const row = (label, result) => [label, result.ms, result.msPerLetter, result.peakRssMb, result.cpuMs, runs(result)];
  return [
    row(`\`letters export --year 2020 --out sheet.xlsx\`, 400 authorities`, r.exportXlsx400),
    row('`letters import sheet.xlsx`, 400 rows into an empty data folder (every file created)', r.importXlsx400Empty),
    row('`letters import sheet.xlsx`, 400 rows where every file exists (none changes)', r.importXlsx400Existing),
  ];
}

/** The markdown table of a full run: the machine, then one row per measurement. */
export function resultsTable(r) {
  const m = r.machine;
  const saves = r.saveToPage.htmlSamples.length;
  const rows = [
    ['text-only build, 400 letters: fresh `letters build --format text --force --quiet`', r.textBuild400.ms, r.textBuild400.msPerLetter, r.textBuild400.peakRssMb, r.textBuild400.cpuMs, runs(r.textBuild400)],
    ['text+PDF build, 400 letters, default --jobs (`--format text,pdf`)', r.pdfBuild400.ms, r.pdfBuild400.msPerLetter, r.pdfBuild400.peakRssMb, r.pdfBuild400.cpuMs, runs(r.pdfBuild400)],
    ['`letters preview <slug>` on the 400 set, cold start', r.previewCold.ms, '', '', '', runs(r.previewCold)],
    ['naive: the same 400 letters, one thread, new PdfPrinter and fonts from disk per PDF', r.naivePdf400.ms, r.naivePdf400.msPerLetter, r.naivePdf400.peakRssMb, r.naivePdf400.cpuMs, `${runs(r.naivePdf400)}; PDFs byte-identical to the build's: ${r.naivePdf400.identicalPdfs}`],
    ['naive / text+PDF build', `${r.naiveOverOurs}×`, '', '', '', 'ratio of the medians'],
    ['text+PDF build, 4,000 letters, default --jobs', r.pdfBuild4000.ms, r.pdfBuild4000.msPerLetter, r.pdfBuild4000.peakRssMb, r.pdfBuild4000.cpuMs, runs(r.pdfBuild4000)],
    ['`preview --serve`, save to page, HTML view (target < 300 ms): data file written → letter.html served', r.saveToPage.htmlMs, '', '', '', `median of ${saves} saves`],
    ['`preview --serve`, save to page, PDF view (target < 1 s): data file written → letter.pdf served', r.saveToPage.pdfMs, '', '', '', `median of ${saves} saves`],
    ...sheetRows(r),
  ];
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date}; load average ${m.loadAverageAtStart} at start, ${m.loadAverageAtEnd} at end`,
    '',
    '| measurement | wall ms | ms/letter | peak RSS MB | CPU ms | runs |',
    '|---|--:|--:|--:|--:|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
}

/** Writes docs/bench-results.md, the page docs/performance.md links to. */
export function writeResultsPage(r) {
  const page = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` from `bench/results.json` (every sample is there); do not edit by',
    'hand. What each row measures: [performance.md](performance.md).',
    '',
    resultsTable(r),
  ].join('\n');
  writeFileSync(RESULTS_PAGE, page);
}
