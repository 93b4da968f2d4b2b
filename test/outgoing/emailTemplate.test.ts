import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers.js';
import { knowsley, WORCESTER } from './mailServer.js';

/** A project whose 2020 email template has `from` replaced by `to` on its fifth line. */
function withEmailTemplate(from: string, to: string): string {
  const dir = tempProject({ '2020/knowsley.yaml': knowsley(), '2020/worcester.yaml': WORCESTER });
  const file = join(dir, 'templates/2020/email.md.hbs');
  const lines = readFileSync(file, 'utf8').split('\n');
  expect(lines[4]).toContain(from);
  lines[4] = lines[4]!.replace(from, to);
  writeFileSync(file, lines.join('\n'));
  return dir;
}

describe("each year's email template, checked as strictly as its letter", () => {
  it('letters validate names a field the model lacks by file, line and column', () => {
    const dir = withEmailTemplate('{{authority.name}}', '{{authority.nmae}}');
    const result = runCli(['validate', '--year', '2020'], dir);
    expect(result.stderr).toBe('templates/2020/email.md.hbs:5:103  authority.nmae  is not defined: the letter model has no such field (did you mean `authority.name`?)\n1 problem in 1 file\n');
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
  });

  it('letters validate names an unknown helper by file, line and column', () => {
    const dir = withEmailTemplate('{{authority.name}}', '{{plurl authority.name}}');
    const result = runCli(['validate', '--year', '2020'], dir);
    expect(result.stderr).toBe('templates/2020/email.md.hbs:5:101  unknown helper "plurl" (did you mean "plural"? expected one of: words, number, plural, article, eq)\n1 problem in 1 file\n');
    expect(result.code).toBe(1);
  });

  it('the shipped email templates are valid for the shipped data', () => {
    const result = runCli(['validate']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('letters send makes every covering message before sending any: a field missing holds all back', () => {
    const dir = withEmailTemplate('{{authority.name}}', '{{authority.nmae}}');
    expect(runCli(['build', '--year', '2020', '--format', 'pdf'], dir).code).toBe(0);
    const result = runCli(['send', '--year', '2020', '--dry-run'], dir);
    expect(result.stderr).toBe('templates/2020/email.md.hbs:5:103  authority.nmae  is not defined: the letter model has no such field (did you mean `authority.name`?)\nnothing sent: the email template of 2020 has a problem\n');
    expect(result.code).toBe(1);
    expect(existsSync(join(dir, 'out/2020/mail'))).toBe(false);
  });
});
