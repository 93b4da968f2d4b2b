import { describe, expect, it } from 'vitest';
import { renderProject, runCli, tempProject, words } from '../helpers.js';

/**
 * Every published letter addresses its recipient by title and surname
 * ("Dear Mr Harden") or, with no title, by forename and surname ("Dear
 * Margaret Carney"); a forename beside a title is kept in the data, not printed.
 */
const authority: Record<string, string> = {
  '2018': '{ name: Anytown Council, type: district }',
  '2020': '{ name: Anytown Council, type: district }',
  '2024': '{ name: Anytown Council, type: district }',
};

async function letterWords(year: string, recipient: string): Promise<string> {
  const dir = tempProject({ [`${year}/anytown-council.yaml`]: `authority: ${authority[year]}\nrecipient: ${recipient}\n` });
  const { texts, problems } = await renderProject(dir);
  expect(problems).toEqual([]);
  return words(texts.get(`${year}/anytown-council`)!);
}

const cases: [string, string, string][] = [
  ['title, forename and surname', '{ title: Mr, forename: John, surname: Smith, role: Chief Executive }', 'Mr Smith'],
  ['title and surname', '{ title: Mr, surname: Smith, role: Chief Executive }', 'Mr Smith'],
  ['forename and surname', '{ forename: Margaret, surname: Carney, role: Chief Executive }', 'Margaret Carney'],
];

describe.each(['2018', '2020', '2024'])('%s letters', (year) => {
  // Only the 2018 template puts a comma after the salutation.
  const comma = year === '2018' ? ',' : '';
  it.each(cases)('with %s', async (_name, recipient, addressed) => {
    const text = await letterWords(year, recipient);
    expect(text).toContain(`By email ${addressed} Chief Executive Anytown Council Dear ${addressed}${comma} `);
    expect(text).not.toContain('John');
  });
});

describe('a recipient the letter cannot be addressed to', () => {
  it.each(['2018', '2020', '2024'])('%s: no surname, or neither title nor forename, is a problem on its line', (year) => {
    const dir = tempProject({
      [`${year}/a-council.yaml`]: `authority: ${authority[year]}\nrecipient:\n  title: Mr\n  role: Chief Executive\n`,
      [`${year}/b-council.yaml`]: `authority: { name: Bytown Council, type: district }\nrecipient:\n  surname: Smith\n  role: Chief Executive\n`,
    });
    const result = runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        `data/${year}/a-council.yaml:3:3  recipient.surname  is required (expected text)`,
        `data/${year}/b-council.yaml:3:3  recipient  needs a title ("Mr", addressed "Mr Harden") or a forename (addressed "Margaret Carney")`,
        '2 problems in 2 files',
        '',
      ].join('\n'),
    );
  });
});
