import Handlebars from 'handlebars';
import { LettersError, type Problem } from '../errors.js';
import { suggestion } from '../validate/messages.js';
import { helpers } from './helpers.js';
import { MissingFieldError, strictContext } from './strictContext.js';
import { syntaxProblem } from './syntaxProblem.js';

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
 * Handlebars' prototype-access guard left on. Every problem in every file is
 * collected before anything is thrown.
 */
export function compileLetterTemplate(letter: TemplateSource, partials: Map<string, TemplateSource>): RenderMarkup {
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn as Handlebars.HelperDelegate);
  const problems: Problem[] = [];
  const compileOne = (source: TemplateSource) => {
    const found = checkSource(env, source, partials);
    problems.push(...found);
    return found.length > 0 ? () => '' : withSourceName(source, env.compile(source.text, options));
  };
  // Shared partials serve several years; only those this letter uses must fit it.
  for (const name of usedPartials(letter, partials)) env.registerPartial(name, compileOne(partials.get(name)!) as unknown as Handlebars.Template);
  const render = compileOne(letter);
  if (problems.length > 0) throw new LettersError(`template errors in ${letter.file}`, problems);
  // Every lookup, even in {{#if …}}, must name a field the model has.
  return (context) => render(strictContext(context));
}

const options: CompileOptions = { strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers };

/** Load-time checks: syntax, helpers, partials, and no reaching into built-in properties. */
function checkSource(env: typeof Handlebars, source: TemplateSource, partials: Map<string, TemplateSource>): Problem[] {
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(source.text);
  } catch (error) {
    // The grammar's errors start "Parse error"; the rest (a mismatched {{/block}}) carry a position.
    const grammar = error instanceof Error && error.message.startsWith('Parse error');
    return [grammar ? syntaxProblem(source, error, env) : templateProblem(source, error)];
  }
  return [...partialProblems(source, partials), ...builtinProblems(source, ast), ...helperProblems(source, ast)];
}

/** Run-time errors (a missing field) are labelled with the template file they happened in. */
function withSourceName(source: TemplateSource, compiled: Handlebars.TemplateDelegate): Handlebars.TemplateDelegate {
  return (context, runtimeOptions) => {
    try {
      return compiled(context, runtimeOptions);
    } catch (error) {
      if (error instanceof TemplateRenderError) throw error;
      throw new TemplateRenderError(templateProblem(source, error, context));
    }
  };
}

export class TemplateRenderError extends LettersError {
  constructor(readonly problem: Problem) {
    super(problem.message, [problem]);
  }
}

const NOT_DEFINED = 'is not defined: the letter model has no such field (check the spelling against the data and year.yaml)';

/** `unknown helper "plurl" (did you mean "plural"? expected one of: …)` */
function unknownHelper(name: string): string {
  // Names as short as `gt` are close to every other short name: only a guess sharing a letter in place is offered.
  const guess = [suggestion(name, Object.keys(helpers))].find((found) => found !== undefined && [...found].some((letter, index) => name[index] === letter));
  return `unknown helper "${name}" (${guess === undefined ? '' : `did you mean "${guess}"? `}expected one of: ${Object.keys(helpers).join(', ')})`;
}

/** The message with "did you mean `recipient.name`?" when a known field is close to the one written. */
function withGuess(message: string, field: string, known: string[]): string {
  const guess = suggestion(field, known);
  return guess === undefined ? message : `${message.replace(/ \(check[^)]*\)$/, '')} (did you mean \`${guess}\`?)`;
}

/** Every dotted path of the model, a few levels deep: the names a template can write. */
function fieldPaths(value: unknown, prefix = '', depth = 3): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || depth === 0) return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...fieldPaths(inner, `${prefix}${key}.`, depth - 1)]);
}

/** Handlebars messages end in " - line:col"; strict-mode misses also name the field. */
function templateProblem(source: TemplateSource, error: unknown, context?: unknown): Problem {
  if (error instanceof MissingFieldError) {
    return { severity: 'error', file: source.file, ...findField(source.text, error.field), field: error.field, message: withGuess(NOT_DEFINED, error.field, error.known) };
  }
  const raw = error instanceof Error ? error.message : String(error);
  const position = /(?: - |line )(\d+):(\d+)\s*$/.exec(raw) ?? /on line (\d+)/.exec(raw);
  const line = position ? Number(position[1]) : undefined;
  const column = position?.[2] !== undefined ? Number(position[2]) + 1 : undefined;
  if (/^"([^"]+)" not defined in/.test(raw)) {
    const field = fieldAt(source.text, line, column);
    return { severity: 'error', file: source.file, line, column, field, message: field === undefined ? NOT_DEFINED : withGuess(NOT_DEFINED, field, fieldPaths(context)) };
  }
  const helper = /unknown helper (\S+)/.exec(raw);
  if (helper) {
    return { severity: 'error', file: source.file, line, column, message: unknownHelper(helper[1]!) };
  }
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(raw);
  if (mismatch) {
    return { severity: 'error', file: source.file, line, column, message: `template syntax: {{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}} (expected {{/${mismatch[1]}}})` };
  }
  const first = raw.split('\n').find((text) => text.trim() !== '') ?? raw;
  return { severity: 'error', file: source.file, line, column, message: `template: ${first.replace(/ - \d+:\d+\s*$/, '')}` };
}

/** The dotted path written in the mustache at a position, e.g. "training.kinds". */
function fieldAt(text: string, line: number | undefined, column: number | undefined): string | undefined {
  if (line === undefined || column === undefined) return undefined;
  const rest = (text.split('\n')[line - 1] ?? '').slice(column - 1);
  return /^[{#^/~\s]*(?:[a-z]+ )?([A-Za-z_][\w.]*)/.exec(rest)?.[1];
}

/** Where a field is first used inside a mustache (a miss in {{#if …}} carries no position). */
function findField(text: string, field: string): { line?: number; column?: number } {
  const pattern = new RegExp(`\\{\\{[^}]*?(?<![\\w.])(${field.replace(/\./g, '\\.')})(?![\\w])`);
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const match = pattern.exec(line);
    if (match) return { line: index + 1, column: match.index + match[0].length - field.length + 1 };
  }
  return {};
}

const PARTIAL_CALL = /\{\{~?#?>\s*([\w./-]+)/g;

/** Names of the partials `letter` calls, directly or through other partials. */
function usedPartials(letter: TemplateSource, partials: Map<string, TemplateSource>): Set<string> {
  const used = new Set<string>();
  const visit = (source: TemplateSource) => {
    for (const match of source.text.matchAll(PARTIAL_CALL)) {
      const name = match[1]!;
      const partial = partials.get(name);
      if (used.has(name) || !partial) continue;
      used.add(name);
      visit(partial);
    }
  };
  visit(letter);
  return used;
}

/** `{{> name}}` must name a partial that exists; Handlebars itself only notices at run time. */
function partialProblems(source: TemplateSource, partials: Map<string, TemplateSource>): Problem[] {
  const problems: Problem[] = [];
  source.text.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(PARTIAL_CALL)) {
      if (partials.has(match[1]!)) continue;
      problems.push({
        severity: 'error',
        file: source.file,
        line: index + 1,
        column: (match.index ?? 0) + 1,
        message: `unknown partial "${match[1]}" (expected one of: ${[...partials.keys()].join(', ')})`,
      });
    }
  });
  return problems;
}

/** Handlebars' own block helpers, known to it whatever `knownHelpers` says. */
const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

/**
 * A call with arguments must name a helper we register. Handlebars finds this
 * only when it compiles a template to code, which it does lazily at first
 * use; walking the tree finds it at load time without compiling twice.
 */
function helperProblems(source: TemplateSource, ast: hbs.AST.Program): Problem[] {
  const problems: Problem[] = [];
  const visitor = new Handlebars.Visitor();
  const check = (node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression) => {
    const path = node.path as hbs.AST.PathExpression;
    const call = node.params.length > 0 || node.hash !== undefined;
    if (!call || path.type !== 'PathExpression' || path.parts.length !== 1 || path.data) return;
    const name = path.original;
    if (Object.hasOwn(helpers, name) || BUILT_IN_HELPERS.has(name)) return;
    problems.push({
      severity: 'error',
      file: source.file,
      line: node.loc.start.line,
      column: node.loc.start.column + 1,
      message: unknownHelper(name),
    });
  };
  const visit = <T extends hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression>(original: (node: T) => unknown) =>
    function (this: Handlebars.Visitor, node: T) {
      check(node);
      return original.call(this, node);
    };
  const base = Handlebars.Visitor.prototype;
  visitor.MustacheStatement = visit(base.MustacheStatement);
  visitor.BlockStatement = visit(base.BlockStatement);
  visitor.SubExpression = visit(base.SubExpression);
  visitor.accept(ast);
  return problems;
}

/**
 * `{{recipient.constructor}}` would render a silent blank (the guard hides
 * it, strict mode does not notice). No letter needs a built-in property, so
 * naming one is an error.
 */
function builtinProblems(source: TemplateSource, ast: hbs.AST.Program): Problem[] {
  const problems: Problem[] = [];
  const visitor = new Handlebars.Visitor();
  visitor.PathExpression = (path: hbs.AST.PathExpression) => {
    const builtin = path.parts.find((part) => part === '__proto__' || part in Object.prototype);
    if (builtin === undefined) return;
    problems.push({
      severity: 'error',
      file: source.file,
      line: path.loc.start.line,
      column: path.loc.start.column + 1,
      field: path.original,
      message: `\`${builtin}\` is a built-in property, not a field of the letter model`,
    });
  };
  visitor.accept(ast);
  return problems;
}
