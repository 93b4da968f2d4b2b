import { countProblems, formatProblem, sortProblems, type Problem } from '../errors.js';

/** Prints problems one per line on stderr, errors sorted by file and line, then the count. */
export function reportProblems(problems: Problem[]): void {
  const errors = sortProblems(problems.filter((p) => p.severity === 'error'));
  for (const problem of errors) process.stderr.write(`${formatProblem(problem)}\n`);
  if (errors.length > 0) process.stderr.write(`${countProblems(errors)}\n`);
}

export function reportWarnings(warnings: Problem[]): void {
  for (const warning of sortProblems(warnings)) process.stderr.write(`${formatProblem(warning)}\n`);
}
