import type { Problem } from '../errors.js';

/** What a build did, for the closing line and for `--json`. */
export interface BuildSummary {
  /** Every letter the run was asked for, including those whose data is not valid. */
  letters: number;
  written: number;
  skipped: number;
  failed: number;
  /** Data files not valid (only with --keep-going; otherwise nothing is made). */
  invalid: number;
  /** Letters not started because the run was stopped (Ctrl-C). */
  notStarted: number;
  warnings: number;
  seconds: number;
  stopped: boolean;
  out: string;
  formats: string[];
  /** Letters removed from out/ because their data file is gone, as `<year>/<slug>`. */
  removed: string[];
  /** Every error: data problems and letters that failed. */
  errors: Problem[];
}

/** `400 letters (398 written, 2 skipped unchanged) in 3.9 s; warnings: 12` */
export function summaryLine(summary: BuildSummary): string {
  const counts = [`${summary.written} written`, `${summary.skipped} skipped unchanged`];
  if (summary.failed > 0) counts.push(`${summary.failed} failed`);
  if (summary.invalid > 0) counts.push(`${summary.invalid} not valid`);
  if (summary.notStarted > 0) counts.push(`${summary.notStarted} not started`);
  if (summary.removed.length > 0) counts.push(`${summary.removed.length} removed`);
  const letters = `${summary.letters} ${summary.letters === 1 ? 'letter' : 'letters'}`;
  const line = `${letters} (${counts.join(', ')}) in ${summary.seconds.toFixed(1)} s; warnings: ${summary.warnings}`;
  return summary.stopped ? `stopped: ${line}` : line;
}

export function summaryJson(summary: BuildSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
