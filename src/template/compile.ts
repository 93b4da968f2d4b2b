import Handlebars from 'handlebars';
import { LettersError, type Problem } from '../errors.js';
import { helpers } from './helpers.js';

/** A template source file: its path (for messages) and its text. */
export interface TemplateSource {
  file: string;
  text: string;
}

export type RenderMarkup = (context: object) => string;

const knownHelpers = Object.fromEntries(Object.keys(helpers).map((name) => [name, true]));

/**
 * Compiles a year's letter template and partials in an environment of their
 * own: strict (an unresolved field throws), no HTML escaping (data values are
 * escaped for the markup layer before they get here), known helpers only, and
 * Handlebars' prototype-access guard left on.
 */
export function compileLetterTemplate(letter: TemplateSource, partials: Map<string, TemplateSource>): RenderMarkup {
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn as Handlebars.HelperDelegate);
  const problems: Problem[] = [];
  const compileOne = (source: TemplateSource) => {
    try {
      // precompile-level check now, so syntax errors and unknown helpers surface at load time.
      env.precompile(source.text, options);
      checkPartials(source, partials, problems);
    } catch (error) {
      problems.push(templateProblem(source, error));
    }
    return withSourceName(source, env.compile(source.text, options));
  };
  // Only partials the letter reaches are compiled and checked: a shared partial
  // that this year does not use may rely on words only other years define.
  for (const name of reachablePartials(letter, partials)) {
    const source = partials.get(name)!;
    env.registerPartial(name, compileOne(source) as unknown as Handlebars.Template);
  }
  const render = compileOne(letter);
  if (problems.length > 0) throw new LettersError(`template errors in ${letter.file}`, problems);
  return (context) => render(context);
}

const options: CompileOptions = { strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers };

/** Run-time errors (a missing field) are labelled with the template file they happened in. */
function withSourceName(source: TemplateSource, compiled: Handlebars.TemplateDelegate): Handlebars.TemplateDelegate {
  return (context, runtimeOptions) => {
    try {
      return compiled(context, runtimeOptions);
    } catch (error) {
      if (error instanceof TemplateRenderError) throw error;
      throw new TemplateRenderError(templateProblem(source, error));
    }
  };
}

export class TemplateRenderError extends LettersError {
  constructor(readonly problem: Problem) {
    super(problem.message, [problem]);
  }
}

/** Handlebars messages end in " - line:col"; strict-mode misses also name the field. */
function templateProblem(source: TemplateSource, error: unknown): Problem {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /(?: - |line )(\d+):(\d+)\s*$/.exec(raw) ?? /on line (\d+)/.exec(raw);
  const line = position ? Number(position[1]) : undefined;
  const column = position?.[2] !== undefined ? Number(position[2]) + 1 : undefined;
  const missing = /^"([^"]+)" not defined in/.exec(raw);
  if (missing) {
    const field = fieldAt(source.text, line, column) ?? missing[1];
    return { severity: 'error', file: source.file, line, column, field, message: 'is not defined: the data or the year has no such field' };
  }
  const helper = /unknown helper (\S+)/.exec(raw);
  if (helper) {
    return { severity: 'error', file: source.file, line, column, message: `unknown helper "${helper[1]}" (expected one of: ${Object.keys(helpers).join(', ')})` };
  }
  const first = raw.split('\n').find((text) => text.trim() !== '') ?? raw;
  const message = first.replace(/ - \d+:\d+\s*$/, '').replace(/^Parse error on line \d+:?\s*/, '');
  return { severity: 'error', file: source.file, line, column, message: `template syntax: ${message}` };
}

/** The dotted path written in the mustache at a position, e.g. "training.kinds". */
function fieldAt(text: string, line: number | undefined, column: number | undefined): string | undefined {
  if (line === undefined || column === undefined) return undefined;
  const rest = (text.split('\n')[line - 1] ?? '').slice(column - 1);
  return /^[{#^/~\s]*(?:[a-z]+ )?([A-Za-z_][\w.]*)/.exec(rest)?.[1];
}

const PARTIAL_CALL = /\{\{~?#?>\s*([\w./-]+)/g;

/** Names of the partials a template calls, with where each call is. */
function partialCalls(source: TemplateSource): { name: string; line: number; column: number }[] {
  return source.text.split('\n').flatMap((text, index) =>
    [...text.matchAll(PARTIAL_CALL)].map((match) => ({ name: match[1]!, line: index + 1, column: (match.index ?? 0) + 1 })),
  );
}

function reachablePartials(letter: TemplateSource, partials: Map<string, TemplateSource>): Set<string> {
  const reached = new Set<string>();
  const visit = (source: TemplateSource) => {
    for (const { name } of partialCalls(source)) {
      const partial = partials.get(name);
      if (partial && !reached.has(name)) {
        reached.add(name);
        visit(partial);
      }
    }
  };
  visit(letter);
  return reached;
}

/** `{{> name}}` must name a partial that exists; Handlebars itself only notices at run time. */
function checkPartials(source: TemplateSource, partials: Map<string, TemplateSource>, problems: Problem[]): void {
  for (const call of partialCalls(source)) {
    if (partials.has(call.name)) continue;
    problems.push({
      severity: 'error',
      file: source.file,
      line: call.line,
      column: call.column,
      message: `unknown partial "${call.name}" (expected one of: ${[...partials.keys()].sort().join(', ')})`,
    });
  }
}
