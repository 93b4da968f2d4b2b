import { countProblems, formatProblem, sortProblems, type Problem } from '../errors.js';

/** Prints problems one per line on stderr, errors sorted by file and line, then the count. */
export function reportProblems(problems: Problem[]): void {
  const errors = sortProblems(problems.filter((p) => p.severity === 'error'));
  for (const problem of errors) process.stderr.write(`${formatProblem(problem)}\n`);
  if (errors.length > 0) process.stderr.write(`${countProblems(errors)}\n`);
}

/** Up to this many warnings are listed one per line; more are grouped by what they say. */
export const WARNINGS_LISTED = 10;

/**
 * Prints warnings on stderr: each on its own line when there are few; when
 * there are many (a year's run can warn about most small bodies), one line
 * per kind of warning, naming the first file and counting the others, so the
 * summary is not buried under them.
 */
export function reportWarnings(warnings: Problem[]): void {
  for (const line of warningLines(warnings)) process.stderr.write(`${line}\n`);
}

export function warningLines(warnings: Problem[]): string[] {
  const sorted = sortProblems(warnings);
  if (sorted.length <= WARNINGS_LISTED) return sorted.map(formatProblem);
  const kinds = new Map<string, Problem[]>();
  for (const warning of sorted) {
    const kind = `${warning.field ?? ''}\0${warning.message}`;
    const same = kinds.get(kind);
    if (same) same.push(warning);
    else kinds.set(kind, [warning]);
  }
  const lines = [...kinds.values()].map((same) => {
    const others = new Set(same.map((warning) => warning.file)).size - 1;
    const line = formatProblem(same[0]!);
    return others > 0 ? `${line} (and ${others} more ${others === 1 ? 'file' : 'files'})` : line;
  });
  return [...lines, `${warnings.length} warnings (\`letters list\` shows each)`];
}
