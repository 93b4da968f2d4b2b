import type Handlebars from 'handlebars';
import type { Problem } from '../errors.js';
import type { TemplateSource } from './compile.js';

/** The parser's (shared, synchronous) lexer: where it stood when parsing failed. */
interface Lexer {
  yylloc?: { first_line: number; first_column: number };
  match?: string;
}

/**
 * A Handlebars parse error as a positioned problem. Its own message shows an
 * excerpt with a caret and a list of grammar token names; the lexer's last
 * location gives the real line and column.
 */
export function syntaxProblem(source: TemplateSource, error: unknown, env: typeof Handlebars): Problem {
  const raw = error instanceof Error ? error.message : String(error);
  const lexer = (env as unknown as { Parser?: { lexer?: Lexer } }).Parser?.lexer;
  const got = /got '([^']+)'\s*$/.exec(raw)?.[1];
  if (got === 'EOF') {
    const open = unclosedBlock(source.text);
    return {
      severity: 'error',
      file: source.file,
      ...(open ?? {}),
      message: `template syntax: {{#${open?.name ?? '…'}}} is never closed (expected {{/${open?.name ?? '…'}}} before the end of the file)`,
    };
  }
  const line = lexer?.yylloc?.first_line ?? Number(/on line (\d+)/.exec(raw)?.[1] ?? 1);
  const column = lexer?.yylloc ? lexer.yylloc.first_column + 1 : undefined;
  const match = lexer?.match?.split('\n')[0]?.slice(0, 20);
  const text = match ? `"${match}"` : 'text';
  const expected = /Expecting (.*), got/.exec(raw)?.[1] ?? '';
  const hint = /'CLOSE'/.test(expected) ? ' (expected }} to close the mustache)' : /'ID'/.test(expected) ? ' (expected a field or helper name)' : '';
  return { severity: 'error', file: source.file, line, column, message: `template syntax: unexpected ${text}${hint}` };
}

/** The last {{#block}} with no matching {{/block}}, if any. */
function unclosedBlock(text: string): { name: string; line: number; column: number } | undefined {
  const stack: { name: string; line: number; column: number }[] = [];
  text.split('\n').forEach((lineText, index) => {
    for (const match of lineText.matchAll(/\{\{~?([#/^])\s*([\w-]+)?/g)) {
      if (match[1] === '#') stack.push({ name: match[2] ?? '…', line: index + 1, column: (match.index ?? 0) + 1 });
      else if (match[1] === '/') stack.pop();
    }
  });
  return stack.at(-1);
}
