// `npm run bench`: times `letters build` and `letters preview` on the
// synthetic set, against a naive PDF baseline, and prints one markdown table;
// the same numbers, every sample included, go to bench/results.json, and the
// table to docs/bench-results.md (made from results.json by resultsTable.mjs).
// `node bench/run.mjs table` only writes that page again from results.json;
// `node bench/run.mjs peer` only sets our PDFs beside Typst's and the naive
// way's on a smaller set, and prints that table (results.json untouched).
//
// Every measurement is a fresh process, started and waited for here, and is
// the median of RUNS runs unless the table says otherwise. Peak RSS is the
// process's own getrusage maximum (worker threads included), read by
// bench/measure.mjs as the process exits.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { peerTable, resultsTable, sheetRows, writeResultsPage } from './resultsTable.mjs';
import { measureSaveToPage } from './saveToPage.mjs';
import { targetResults } from './targets.mjs';
import { writeSyntheticSet } from './syntheticSet.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');
const RUNS = 5;
const LETTERS = 400;
const LARGE = 4000;
/** Rows of the spreadsheet that import and export are timed on: one year's authorities. */
const SHEET_ROWS = 400;
/** `node bench/run.mjs peer`: the letters and rounds of the quick comparison with Typst. */
const PEER_LETTERS = 60;
const PEER_RUNS = 3;

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
if (process.argv[2] === 'peer') {
  try {
    const loadAverageAtStart = round(loadavg()[0], 2);
    const set = join(work, 'set-peer');
    writeSyntheticSet(set, { count: PEER_LETTERS });
    const { naive, ...peer } = rounds({ ...peerMeasurements(set), naive: () => measured(join(ROOT, 'bench/naive.mjs'), [set, join(work, 'out-naive')], ROOT, pdfStats()) }, PEER_RUNS);
    process.stdout.write(`${peerTable(peerResults(peer, naive, PEER_LETTERS))}\nload average ${loadAverageAtStart} at start, ${round(loadavg()[0], 2)} at end\n`);
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
    all: () => measured(CLI, ['build', '--format', 'text,pdf,html', '--force', '--quiet', '--out', join(work, 'out-every-format')], small),
    preview: () => plain([CLI, 'preview', slug], small),
    naive: () => measured(join(ROOT, 'bench/naive.mjs'), [small, join(work, 'out-naive')], ROOT, pdfStats()),
    ...peerMeasurements(small),
    ...sheetMeasurements(),
  };
  const { text, ours, all, preview, naive, typst, oursWriter, oursBuild, ...sheet } = rounds(measurements);
  // The build's PDFs differ from the naive way's by design (src/engine/lineText.ts, streamChunks.ts); with the shortcuts that keep the bytes only, they must be the same files.
  process.stderr.write('PDF build with LETTERS_SHORTCUTS=exact, to compare with the naive way: one run\n');
  plain([CLI, 'build', '--format', 'pdf', '--force', '--quiet', '--out', join(work, 'out-exact')], small, { LETTERS_SHORTCUTS: 'exact' });
  const identical = samePdfs(join(work, 'out-naive'), join(work, 'out-exact'));
  process.stderr.write('text+PDF build, 4,000: one run\n');
  const largeRun = measured(CLI, ['build', '--format', 'text,pdf', '--force', '--quiet', '--out', join(work, 'out-large')], large);
  process.stderr.write('save-to-page of `preview --serve`: 10 saves\n');
  const saveToPage = await measureSaveToPage(CLI, small, '2020', slug);

  const results = {
    machine: { ...machine, loadAverageAtEnd: round(loadavg()[0], 2) },
    method: `median of ${RUNS} fresh processes unless noted; wall time from spawn to exit; peak RSS from getrusage (ru_maxrss) of the build process, worker threads included`,
    textBuild400: summary(text, LETTERS),
    pdfBuild400: summary(ours, LETTERS),
    allBuild400: summary(all, LETTERS),
    previewCold: summary(preview),
    naivePdf400: { ...summary(naive, LETTERS), identicalPdfs: identical },
    naiveOverOurs: round(median(naive.map((run) => run.ms)) / median(ours.map((run) => run.ms)), 1),
    pdfBuild4000: { runs: 1, ...summary([largeRun], LARGE) },
    saveToPage: { method: 'write of the data file to the new letter.html / letter.pdf received by an SSE client (bench/saveToPage.mjs); median of 10 saves, one server', ...saveToPage },
    peer: peerResults({ typst, oursWriter, oursBuild }, naive, LETTERS),
    ...sheetResults(sheet),
  };
  results.targets = targetResults(results);
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeResultsPage(results);
  process.stdout.write(resultsTable(results));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Runs a Node program through measure.mjs: wall time, peak RSS and CPU time, and the CPU time it spent making PDFs when it says (BENCH_PDF_STATS). */
function measured(program, args, cwd, env = {}) {
  const stats = join(work, 'stats.json');
  const run = plain([join(ROOT, 'bench/measure.mjs'), program, ...args], cwd, { ...env, BENCH_STATS: stats });
  const pdf = env.BENCH_PDF_STATS ? { pdfCpuMs: JSON.parse(readFileSync(env.BENCH_PDF_STATS, 'utf8')).pdfCpuMs } : {};
  return { ...run, ...JSON.parse(readFileSync(stats, 'utf8')), ...pdf };
}

function pdfStats() {
  return { BENCH_PDF_STATS: join(work, 'pdf-stats.json') };
}

/**
 * The same letters of `set` as PDFs in one thread: by Typst through our
 * pipeline (bench/peer.mjs typst), by our PDF writer through the same
 * script (so the two differ only in the writer), and by `letters build
 * --format pdf --jobs 1`. Typst's own threads are held to one
 * (RAYON_NUM_THREADS); the CPU time counted is the whole process's anyway.
 */
function peerMeasurements(set) {
  const peer = (writer) => () => measured(join(ROOT, 'bench/peer.mjs'), [set, join(work, `out-peer-${writer}`), writer], ROOT, { ...pdfStats(), RAYON_NUM_THREADS: '1' });
  return {
    typst: peer('typst'),
    oursWriter: peer('ours'),
    oursBuild: () => measured(CLI, ['build', '--format', 'pdf', '--jobs', '1', '--force', '--quiet', '--out', join(work, 'out-jobs-1')], set),
  };
}

/** Per-letter CPU of each maker (medians of whole processes, and of their PDF making where they say), and ours over Typst's. */
function peerResults({ typst, oursWriter, oursBuild }, naive, letters) {
  const perLetter = (runs, field) => round(median(runs.map((run) => run[field])) / letters, 2);
  const maker = (runs, what) => ({
    what,
    cpuMsPerLetter: perLetter(runs, 'cpuMs'),
    ...(runs[0].pdfCpuMs !== undefined ? { pdfCpuMsPerLetter: perLetter(runs, 'pdfCpuMs') } : {}),
    samples: runs,
  });
  const results = {
    method: `CPU time (user + system, every thread of the process) per letter: the median over ${typst.length} rounds of each fresh process's, over ${letters} letters; PDF making is the CPU time from each letter's document to its PDF's bytes, summed in the process (process.cpuUsage)`,
    letters,
    typst: maker(typst, `Typst ${typstVersion()} (bench/peer.mjs typst: one compiler reused, tagged PDF/UA-1)`),
    oursWriter: maker(oursWriter, 'our PDF writer (bench/peer.mjs ours)'),
    oursBuild: maker(oursBuild, '`letters build --format pdf --jobs 1`'),
    naive: maker(naive, 'naive pdfmake (bench/naive.mjs)'),
  };
  return {
    ...results,
    oursOverTypst: round(results.oursBuild.cpuMsPerLetter / results.typst.cpuMsPerLetter, 1),
    pdfOursOverTypst: round(results.oursWriter.pdfCpuMsPerLetter / results.typst.pdfCpuMsPerLetter, 1),
    naiveOverOurs: round(results.naive.cpuMsPerLetter / results.oursBuild.cpuMsPerLetter, 1),
  };
}

/** The Typst inside the compiler package, as it signs its PDFs (their /Creator). */
function typstVersion() {
  const out = join(work, 'out-peer-typst');
  const year = readdirSync(out).sort()[0];
  const pdf = readFileSync(join(out, year, readdirSync(join(out, year)).sort()[0])).toString('latin1');
  return /\/Creator \(Typst ([^)]+)\)/.exec(pdf)?.[1] ?? 'unknown';
}

function plain(args, cwd, env = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Math.round(performance.now() - started);
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
  return { ms };
}

function rounds(measurements, count = RUNS) {
  const runs = Object.fromEntries(Object.keys(measurements).map((name) => [name, []]));
  for (let round = 1; round <= count; round += 1) {
    for (const [name, measure] of Object.entries(measurements)) {
      runs[name].push(measure());
      process.stderr.write(`round ${round} of ${count}: ${name} ${runs[name].at(-1).ms} ms\n`);
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
