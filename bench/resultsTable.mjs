// The benchmark's table, made only from its results (bench/results.json), so
// a figure is written down once: by the run that measured it.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { targetsTable } from './targets.mjs';

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

/**
 * The table of the same letters made in one thread by Typst, by ours and the
 * naive way: CPU per letter of the whole process, and of making the PDFs
 * where the maker says; then ours over Typst's. Also printed alone by
 * `node bench/run.mjs peer`.
 */
export function peerTable(p) {
  const row = (maker) => [maker.what, maker.cpuMsPerLetter, maker.pdfCpuMsPerLetter ?? '', runs(maker)];
  return [
    `The same ${p.letters} letters as PDFs, in one thread: CPU time per letter (user + system, every thread of the process)`,
    '',
    '| maker | CPU ms/letter, whole process | CPU ms/letter, making the PDFs | runs |',
    '|---|--:|--:|---|',
    ...[row(p.typst), row(p.oursWriter), row(p.oursBuild), row(p.naive)].map((cells) => `| ${cells.join(' | ')} |`),
    `| ours / Typst | ${p.oursOverTypst}× | ${p.pdfOursOverTypst}× | \`letters build --jobs 1\` over Typst's process; our writer's PDF making over Typst's |`,
    `| naive / ours | ${p.naiveOverOurs}× | | the naive process over \`letters build --jobs 1\` |`,
    '',
  ].join('\n');
}

/** The markdown table of a full run: the machine, then one row per measurement. */
export function resultsTable(r) {
  const m = r.machine;
  const saves = r.saveToPage.htmlSamples.length;
  const rows = [
    ['text-only build, 400 letters: fresh `letters build --format text --force --quiet`', r.textBuild400.ms, r.textBuild400.msPerLetter, r.textBuild400.peakRssMb, r.textBuild400.cpuMs, runs(r.textBuild400)],
    ['text+PDF build, 400 letters, default --jobs (`--format text,pdf`)', r.pdfBuild400.ms, r.pdfBuild400.msPerLetter, r.pdfBuild400.peakRssMb, r.pdfBuild400.cpuMs, runs(r.pdfBuild400)],
    ...(r.allBuild400 ? [['text+PDF+HTML build, 400 letters, default --jobs (`--format text,pdf,html`)', r.allBuild400.ms, r.allBuild400.msPerLetter, r.allBuild400.peakRssMb, r.allBuild400.cpuMs, runs(r.allBuild400)]] : []),
    ['`letters preview <slug>` on the 400 set, cold start', r.previewCold.ms, '', '', '', runs(r.previewCold)],
    ['naive: the same 400 letters, one thread, new PdfPrinter and fonts from disk per PDF', r.naivePdf400.ms, r.naivePdf400.msPerLetter, r.naivePdf400.peakRssMb, r.naivePdf400.cpuMs, `${runs(r.naivePdf400)}; PDFs byte-identical to the build's with LETTERS_SHORTCUTS=exact: ${r.naivePdf400.identicalPdfs}`],
    ['naive / text+PDF build', `${r.naiveOverOurs}×`, '', '', '', 'ratio of the medians'],
    ['text+PDF build, 4,000 letters, default --jobs', r.pdfBuild4000.ms, r.pdfBuild4000.msPerLetter, r.pdfBuild4000.peakRssMb, r.pdfBuild4000.cpuMs, runs(r.pdfBuild4000)],
    ['`preview --serve`, save to page, HTML view: data file written → letter.html served', r.saveToPage.htmlMs, '', '', '', `median of ${saves} saves`],
    ['`preview --serve`, save to page, PDF view: data file written → letter.pdf served', r.saveToPage.pdfMs, '', '', '', `median of ${saves} saves`],
    ...sheetRows(r),
  ];
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date}; load average ${m.loadAverageAtStart} at start, ${m.loadAverageAtEnd} at end`,
    '',
    '| measurement | wall ms | ms/letter | peak RSS MB | CPU ms | runs |',
    '|---|--:|--:|--:|--:|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...(r.peer ? [peerTable(r.peer)] : []),
    'Targets (bench/targets.mjs), against this run:',
    '',
    targetsTable(r),
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
