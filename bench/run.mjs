// `npm run bench`: times `letters build` and `letters preview` on the
// synthetic set, against a naive PDF baseline, and prints one markdown table;
// the same numbers, every sample included, go to bench/results.json, and the
// table to docs/bench-results.md (made from results.json by resultsTable.mjs).
// `node bench/run.mjs table` only writes that page again from results.json.
//
// Every measurement is a fresh process, started and waited for here, and is
// the median of RUNS runs unless the table says otherwise. Peak RSS is the
// process's own getrusage maximum (worker threads included), read by
// bench/measure.mjs as the process exits.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resultsTable, sheetRows, writeResultsPage } from './resultsTable.mjs';
import { measureSaveToPage } from './saveToPage.mjs';
import { writeSyntheticSet } from './syntheticSet.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');
const RUNS = 5;
const LETTERS = 400;
const LARGE = 4000;
/** Rows of the spreadsheet that import and export are timed on: one year's authorities. */
const SHEET_ROWS = 400;

if (process.argv[2] === 'table') {
  writeResultsPage(JSON.parse(readFileSync(join(ROOT, 'bench/results.json'), 'utf8')));
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'letters-bench-'));
// `node bench/run.mjs sheet`: only the spreadsheet measurements, printed, results.json untouched.
if (process.argv[2] === 'sheet') {
  try {
    const sheet = rounds(sheetMeasurements());
    process.stdout.write(`${sheetRows(sheetResults(sheet)).map((row) => `| ${row.join(' | ')} |`).join('\n')}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
}
try {
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), node: process.version, date: new Date().toISOString().slice(0, 10), loadAverageAtStart: round(loadavg()[0], 2) };
  const small = join(work, 'set-400');
  const large = join(work, 'set-4000');
  writeSyntheticSet(small, { count: LETTERS });
  writeSyntheticSet(large, { count: LARGE });
  const slug = readdirSync(join(small, 'data/2020')).sort()[0].replace(/\.yaml$/, '');

  // Round after round, each measurement once a round, so a machine that gets
  // busier or quieter during the run weighs on all of them alike.
  const measurements = {
    text: () => measured(CLI, ['build', '--format', 'text', '--force', '--quiet', '--out', join(work, 'out-text')], small),
    ours: () => measured(CLI, ['build', '--format', 'text,pdf', '--force', '--quiet', '--out', join(work, 'out-all')], small),
    preview: () => plain([CLI, 'preview', slug], small),
    naive: () => measured(join(ROOT, 'bench/naive.mjs'), [small, join(work, 'out-naive')], ROOT),
    ...sheetMeasurements(),
  };
  const { text, ours, preview, naive, ...sheet } = rounds(measurements);
  const identical = samePdfs(join(work, 'out-naive'), join(work, 'out-all'));
  process.stderr.write('text+PDF build, 4,000: one run\n');
  const largeRun = measured(CLI, ['build', '--format', 'text,pdf', '--force', '--quiet', '--out', join(work, 'out-large')], large);
  process.stderr.write('save-to-page of `preview --serve`: 10 saves\n');
  const saveToPage = await measureSaveToPage(CLI, small, '2020', slug);

  const results = {
    machine: { ...machine, loadAverageAtEnd: round(loadavg()[0], 2) },
    method: `median of ${RUNS} fresh processes unless noted; wall time from spawn to exit; peak RSS from getrusage (ru_maxrss) of the build process, worker threads included`,
    textBuild400: summary(text, LETTERS),
    pdfBuild400: summary(ours, LETTERS),
    previewCold: summary(preview),
    naivePdf400: { ...summary(naive, LETTERS), identicalPdfs: identical },
    naiveOverOurs: round(median(naive.map((run) => run.ms)) / median(ours.map((run) => run.ms)), 1),
    pdfBuild4000: { runs: 1, ...summary([largeRun], LARGE) },
    saveToPage: { method: 'write of the data file to the new letter.html / letter.pdf received by an SSE client (bench/saveToPage.mjs); median of 10 saves, one server', ...saveToPage },
    ...sheetResults(sheet),
  };
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeResultsPage(results);
  process.stdout.write(resultsTable(results));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Runs a Node program through measure.mjs: wall time, peak RSS and CPU time. */
function measured(program, args, cwd) {
  const stats = join(work, 'stats.json');
  const run = plain([join(ROOT, 'bench/measure.mjs'), program, ...args], cwd, { BENCH_STATS: stats });
  return { ...run, ...JSON.parse(readFileSync(stats, 'utf8')) };
}

function plain(args, cwd, env = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Math.round(performance.now() - started);
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
  return { ms };
}

function rounds(measurements) {
  const runs = Object.fromEntries(Object.keys(measurements).map((name) => [name, []]));
  for (let round = 1; round <= RUNS; round += 1) {
    for (const [name, measure] of Object.entries(measurements)) {
      runs[name].push(measure());
      process.stderr.write(`round ${round} of ${RUNS}: ${name} ${runs[name].at(-1).ms} ms\n`);
    }
  }
  return runs;
}

/**
 * `letters export` of one year of 400 authorities to .xlsx, and `letters
 * import` of that sheet into an empty data folder (400 files created) and
 * into the set it came from (every file exists; none changes).
 */
function sheetMeasurements() {
  const set = join(work, 'set-sheet');
  // The synthetic set spreads its authorities over three years: three times the rows gives one year of SHEET_ROWS.
  writeSyntheticSet(set, { count: SHEET_ROWS * 3 });
  const sheet = join(work, 'sheet.xlsx');
  const empty = join(work, 'set-empty');
  cpSync(join(set, 'templates'), join(empty, 'templates'), { recursive: true });
  const exportSheet = () => measured(CLI, ['export', '--year', '2020', '--out', sheet], set);
  exportSheet();
  return {
    exportXlsx: exportSheet,
    importEmpty: () => {
      rmSync(join(empty, 'data'), { recursive: true, force: true });
      mkdirSync(join(empty, 'data'));
      return measured(CLI, ['import', sheet, '--year', '2020'], empty);
    },
    importExisting: () => measured(CLI, ['import', sheet, '--year', '2020'], set),
  };
}

function sheetResults({ exportXlsx, importEmpty, importExisting }) {
  return { exportXlsx400: summary(exportXlsx, SHEET_ROWS), importXlsx400Empty: summary(importEmpty, SHEET_ROWS), importXlsx400Existing: summary(importExisting, SHEET_ROWS) };
}

function summary(runs, letters) {
  const ms = median(runs.map((run) => run.ms));
  return {
    ms,
    ...(letters ? { msPerLetter: round(ms / letters, 1) } : {}),
    ...(runs[0].maxRssKb ? { peakRssMb: Math.round(median(runs.map((run) => run.maxRssKb)) / 1024), cpuMs: median(runs.map((run) => run.cpuMs)) } : {}),
    samples: runs,
  };
}

/** How many of the naive PDFs have exactly the bytes the build wrote, of how many. */
function samePdfs(naiveDir, buildDir) {
  let same = 0;
  let all = 0;
  for (const year of readdirSync(naiveDir)) {
    for (const name of readdirSync(join(naiveDir, year)).filter((file) => file.endsWith('.pdf'))) {
      all += 1;
      if (readFileSync(join(naiveDir, year, name)).equals(readFileSync(join(buildDir, year, name)))) same += 1;
    }
  }
  return `${same} of ${all}`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function round(value, digits) {
  return Number(value.toFixed(digits));
}
