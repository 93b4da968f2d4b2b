import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRASH, makeProject, runCli, shipped } from './support.js';

/**
 * Wrong command lines: exit 2, one clear line naming the option, no stack
 * trace, nothing written. (Bad data is the catalogue's business: exit 1.)
 */
const knowsley = shipped('2020/knowsley-metropolitan-borough-council.yaml');
const project = () => makeProject({ 'data/2020/knowsley.yaml': knowsley, 'taken.txt': 'not a folder' });

describe('wrong command-line usage', { timeout: 300_000 }, () => {
  it.concurrent('refuses an unknown option', async () => {
    const result = await runCli(['build', '--colour', 'red'], project());
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe("error: unknown option '--colour'");
  });

  it.concurrent('refuses a --year that is not four digits', async () => {
    const result = await runCli(['validate', '--year', '../2020'], project());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: .*--year.* four digits/);
  });

  it.concurrent('refuses a --data folder that does not exist', async () => {
    for (const command of ['validate', 'build']) {
      const result = await runCli([command, '--data', 'nowhere'], project());
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('error: data folder not found: nowhere (give the folder of data files with --data)\n');
    }
  });

  it.concurrent('refuses a --data that is a file', async () => {
    const result = await runCli(['validate', '--data', 'taken.txt'], project());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --data taken.txt is a file, not a folder\n');
  });

  it.concurrent('refuses a --templates folder that does not exist', async () => {
    const result = await runCli(['validate', '--templates', 'nowhere'], project());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: templates folder not found: nowhere.*\n$/);
  });

  it.concurrent('refuses an --out that is a file, writing nothing', async () => {
    const dir = project();
    const result = await runCli(['build', '--format', 'text', '--out', 'taken.txt'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: --out taken.txt is a file, not a folder\n');
  });

  it.concurrent('refuses an --out that cannot be made (inside a file), before making any letter', async () => {
    const dir = project();
    const result = await runCli(['build', '--format', 'text', '--out', 'taken.txt/letters'], dir);
    expect(result.stderr).not.toMatch(CRASH);
    expect(result.stderr).toMatch(/^error: .*taken\.txt\/letters.*\n$/);
    expect(result.code).toBe(2);
  });

  it.concurrent('refuses an --out where nothing can be written (/proc)', async () => {
    const result = await runCli(['build', '--format', 'text', '--out', '/proc/letters'], project());
    expect(result.stderr).not.toMatch(CRASH);
    expect(result.stderr).toMatch(/^error: .*\/proc\/letters.*\n$/);
    expect(result.code).toBe(2);
  });

  it.concurrent('lists the years that have templates for an unknown --year', async () => {
    const dir = project();
    const result = await runCli(['build', '--format', 'text', '--year', '2019', '--out', 'out'], dir);
    expect(result.stderr).toBe('error: no template for year 2019 (years with templates: 2018, 2020, 2024; `letters new-year 2019` starts it)\n');
    expect(result.code).toBe(1);
    expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []).toEqual([]);
  });

  it.concurrent('says the same when the data is checked on a thread of its own (a PDF build on threads)', async () => {
    const dir = project();
    const year = await runCli(['build', '--jobs', '2', '--year', '2019', '--out', 'out'], dir);
    expect(year.stderr).toBe('error: no template for year 2019 (years with templates: 2018, 2020, 2024; `letters new-year 2019` starts it)\n');
    expect(year.code).toBe(1);
    const templates = await runCli(['build', '--jobs', '2', '--templates', 'nowhere', '--out', 'out'], dir);
    expect(templates.stderr).toMatch(/^error: templates folder not found: nowhere.*\n$/);
    expect(templates.code).toBe(2);
    expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')) : []).toEqual([]);
  });
});
