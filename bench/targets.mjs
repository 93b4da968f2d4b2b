// The targets the benchmark is held to, each read from a full run's results
// (bench/results.json): written down here once, and shown beside what was
// measured in the results table. Never asserted in a test: these machines are
// shared, and a figure is only a figure of the run that measured it.

/** `read` gives the measured figure from the results; a target is met when it is at most `limit`. */
export const TARGETS = [
  { what: 'PDF making, CPU ms per letter in one thread (our writer)', unit: 'ms', limit: 8, read: (r) => r.peer?.oursWriter.pdfCpuMsPerLetter },
  { what: 'ours / Typst, PDF making in one thread (the figure this work is judged by)', unit: '×', limit: 2, read: (r) => r.peer?.pdfOursOverTypst },
  { what: '400 letters, text + PDF + HTML, default --jobs: wall time', unit: 'ms', limit: 3000, read: (r) => r.allBuild400?.ms },
  { what: '400 letters, text + PDF + HTML: peak memory', unit: 'MB', limit: 300, read: (r) => r.allBuild400?.peakRssMb },
  { what: '`preview --serve`, save to page, HTML view', unit: 'ms', limit: 30, read: (r) => r.saveToPage?.htmlMs },
  { what: '`preview --serve`, save to page, PDF view', unit: 'ms', limit: 60, read: (r) => r.saveToPage?.pdfMs },
];

/** Each target with what the run measured and whether it is met (undefined when the run did not measure it). */
export function targetResults(r) {
  return TARGETS.map(({ what, unit, limit, read }) => {
    const measured = read(r);
    return { what, limit: `${limit} ${unit}`, measured: measured === undefined ? undefined : `${measured} ${unit}`, met: measured === undefined ? undefined : measured <= limit };
  });
}

/** The targets as a markdown table. */
export function targetsTable(r) {
  return [
    '| target | at most | measured | met |',
    '|---|--:|--:|---|',
    ...targetResults(r).map((t) => `| ${t.what} | ${t.limit} | ${t.measured ?? 'not measured'} | ${t.met === undefined ? '' : t.met ? 'yes' : 'no'} |`),
    '',
  ].join('\n');
}
