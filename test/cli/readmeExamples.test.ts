import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir, type RunResult } from '../helpers.js';

/**
 * The console examples of README.md for `letters validate` and `letters diff`,
 * run as written: each example's output is read from the README itself, so a
 * README that drifts from what the command prints fails here.
 */
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Example {
  command: string;
  output: string;
}

/** Every `$ npx letters …` line of the README's console blocks, with the lines it printed. */
function consoleExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const [, block = ''] of markdown.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    for (const part of block.split(/^(?=\$ )/m)) {
      const [first = '', ...rest] = part.split('\n');
      if (!first.startsWith('$ npx letters ')) continue;
      examples.push({ command: first.slice('$ npx letters '.length).trim(), output: rest.join('\n').replace(/\n+$/, '\n') });
    }
  }
  return examples;
}

/** A copy of the shipped data and templates, built into out/, with the README's template edit made. */
function builtAndEdited(): string {
  const dir = tempDir();
  cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  const built = runCli(['build', '--format', 'text', '--out', 'out', '--quiet'], dir);
  expect(built.code, built.stderr).toBe(0);
  const edit = /Here "([^"]+)" became "([^"]+)" in `([^`]+)`/.exec(README.replace(/\s*\n\s*/g, ' '));
  expect(edit, 'README.md names the edit its `diff --against` example shows').not.toBeNull();
  const [, from = '', to = '', file = ''] = edit!;
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text.split(from), `"${from}" once in ${file}`).toHaveLength(2);
  writeFileSync(join(dir, file), text.replace(from, to));
  return dir;
}

/** How each example is run, and where its output goes (validate prints problems on stderr). */
const SETUPS: Record<string, { cwd: () => string; expected: (output: string) => RunResult }> = {
  diff: { cwd: () => ROOT, expected: (output) => ({ code: 0, stdout: output, stderr: '' }) },
  'validate --data examples/broken': { cwd: () => ROOT, expected: (output) => ({ code: 1, stdout: '', stderr: output }) },
  'diff --against out': { cwd: builtAndEdited, expected: (output) => ({ code: 1, stdout: output, stderr: '' }) },
};

const examples = consoleExamples(README).filter(({ command }) => /^(validate|diff)\b/.test(command));

describe('the README examples of letters validate and letters diff', { timeout: 120_000 }, () => {
  it('are the examples this file knows how to run', () => {
    expect(examples.map(({ command }) => command)).toEqual(['diff', 'validate --data examples/broken', 'diff --against out']);
  });

  it.each(examples)('`letters $command` prints what README.md shows', ({ command, output }) => {
    const setup = SETUPS[command];
    expect(setup, `no setup for the README example \`letters ${command}\``).toBeDefined();
    expect(runCli(command.split(/\s+/), setup!.cwd())).toEqual(setup!.expected(output));
  });
});
