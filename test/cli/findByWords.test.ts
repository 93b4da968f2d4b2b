import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempProject } from '../helpers.js';

/** An authority is found by any unique set of words of its name, ignoring case and punctuation. */
const file = (name: string, surname: string) =>
  `authority: { name: "${name}", type: district }\nrecipient: { title: Ms, surname: ${surname}, role: Chief Executive }\n`;

function project(): string {
  return tempProject({
    "2020/kings-lynn-and-west-norfolk-borough-council.yaml": file("King's Lynn and West Norfolk Borough Council", 'Lynn'),
    '2020/telford-wrekin-council.yaml': file('Telford & Wrekin Council', 'Wrekin'),
    '2020/west-lindsey-district-council.yaml': file('West Lindsey District Council', 'Lindsey'),
  });
}

describe('finding an authority by words of its name', () => {
  it('finds "Kings Lynn" and "telford wrekin" (preview)', () => {
    const dir = project();
    const kings = runCli(['preview', 'Kings Lynn'], dir);
    expect(kings.stderr).toBe('data/2020/kings-lynn-and-west-norfolk-borough-council.yaml:1:1  statistics  warning: no statistics: the letter is made without its statistics page\n');
    expect(kings.code).toBe(0);
    expect(kings.stdout).toContain("Dear Ms Lynn\n");
    const telford = runCli(['preview', 'telford wrekin'], dir);
    expect(telford.code).toBe(0);
    expect(telford.stdout).toContain('Dear Ms Wrekin\n');
    expect(runCli(['preview', 'WREKIN, TELFORD'], dir).stdout).toContain('Dear Ms Wrekin\n');
  });

  it('finds by words in build --authority and diff --against --authority', () => {
    const dir = project();
    const built = runCli(['build', '--authority', 'kings lynn', '--format', 'text', '--out', 'out'], dir);
    expect(built.stderr).toBe('data/2020/kings-lynn-and-west-norfolk-borough-council.yaml:1:1  statistics  warning: no statistics: the letter is made without its statistics page\n');
    expect(built.code).toBe(0);
    expect(readdirSync(join(dir, 'out/2020')).sort()).toEqual(['kings-lynn-and-west-norfolk-borough-council.txt', 'manifest.json']);
    const diffed = runCli(['diff', '--against', 'out', '--authority', 'kings lynn'], dir);
    expect(diffed.code).toBe(0);
    expect(diffed.stdout).toContain('kings-lynn-and-west-norfolk-borough-council');
  });

  it('lists the candidates when the words name several (exit 1)', () => {
    const result = runCli(['preview', 'west council'], project());
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: "west council" matches 2 authorities: kings-lynn-and-west-norfolk-borough-council, west-lindsey-district-council\n',
    });
  });

  it('gives the near misses when no name has all the words', () => {
    const result = runCli(['preview', 'telford lynn'], project());
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: no authority matches "telford lynn"; `letters list` shows them all\n');
    expect(runCli(['preview', 'telfrod'], project()).stderr).toBe('error: no authority matches "telfrod" (closest: telford-wrekin-council)\n');
  });
});
