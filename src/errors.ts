import { visible } from './validate/visible.js';

/**
 * Problems and errors. Library code never exits: it returns problems or
 * throws a LettersError; the CLI prints and chooses the exit code in one place.
 */

export type Severity = 'error' | 'warning';

/** One thing wrong (or worth a warning) in an input, with where it is. */
export interface Problem {
  severity: Severity;
  file?: string;
  line?: number;
  column?: number;
  /** Dotted path of the data field, e.g. `statistics.upheld`. */
  field?: string;
  message: string;
  /**
   * What kind of problem it is, where a command treats it apart: `review`, a
   * `# REVIEW:` comment left in year.yaml, which only `build --draft` accepts.
   */
  kind?: 'review';
}

export const EXIT_OK = 0;
/** Bad data, differences found, authority not found, a letter failed. */
export const EXIT_FAILURE = 1;
/** Wrong command-line usage. */
export const EXIT_USAGE = 2;

export class LettersError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'LettersError';
  }
}

export class UsageError extends LettersError {
  constructor(message: string) {
    super(message, [], EXIT_USAGE);
    this.name = 'UsageError';
  }
}

/** `file:line:col  field  message`, leaving out the parts a problem lacks. */
export function formatProblem(problem: Problem): string {
  // A file name can hold characters a terminal would act on: show them escaped.
  let where = visible(problem.file ?? '');
  if (problem.file && problem.line !== undefined) {
    where += `:${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  const parts = [where, problem.field, problem.severity === 'warning' ? `warning: ${problem.message}` : problem.message];
  return parts.filter((part) => part !== undefined && part !== '').join('  ');
}

/** By file, then line, then column, as an editor lists them. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/** "3 problems in 2 files" */
export function countProblems(problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const files = new Set(errors.map((p) => p.file ?? ''));
  const noun = errors.length === 1 ? 'problem' : 'problems';
  const fileNoun = files.size === 1 ? 'file' : 'files';
  return `${errors.length} ${noun} in ${files.size} ${fileNoun}`;
}

/** The problems that stop a command: all errors but, for one that accepts them (a draft build, a preview), those marking a year for review. */
export function blockingProblems(problems: Problem[], acceptReview: boolean): Problem[] {
  return acceptReview ? problems.filter((problem) => problem.kind !== 'review') : problems;
}

/** The review marks a command accepted, shown as warnings. */
export function reviewWarnings(problems: Problem[]): Problem[] {
  return problems.filter((problem) => problem.kind === 'review').map((problem) => ({ ...problem, severity: 'warning' as const }));
}
