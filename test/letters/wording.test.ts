import { describe, expect, it } from 'vitest';
import { renderProject, tempProject, words } from '../helpers.js';

/**
 * Wordings no published letter shows yet. Each was chosen deliberately and is
 * listed in docs/wording.md as "inferred, not yet checked against a published letter".
 */
const recipient = 'recipient: { title: Ms, surname: Shah, role: Chief Executive }\n';

function file(authority: string, rest = ''): string {
  return `authority: ${authority}\n${recipient}${rest}`;
}

async function render(year: string, authority: string, rest = ''): Promise<{ text: string; warnings: string[] }> {
  const dir = tempProject({ [`${year}/some-authority.yaml`]: file(authority, rest) });
  const { texts, problems, warnings } = await renderProject(dir);
  expect(problems).toEqual([]);
  return { text: words(texts.get(`${year}/some-authority`)!), warnings };
}

const stats = (investigations: number, upheld: number, remedies: number, outcomes: number, complied: number) =>
  `statistics: { investigations: ${investigations}, upheld: ${upheld}, satisfactory_remedies: ${remedies}, compliance: { outcomes: ${outcomes}, complied: ${complied} } }\n`;

describe('names are printed exactly as written', () => {
  it('keeps "&" and apostrophes', async () => {
    const { text } = await render('2020', `{ name: "King's Lynn & West Norfolk Borough Council", type: district }`);
    expect(text).toContain("Ms Shah Chief Executive King's Lynn & West Norfolk Borough Council Dear Ms Shah Annual Review letter 2020");
  });

  it('cannot add formatting through a name', async () => {
    const { text } = await render('2020', `{ name: "*Bold* [Link](https://example.org) Council", type: district }`);
    expect(text).toContain('Chief Executive *Bold* [Link](https://example.org) Council Dear Ms Shah');
  });
});

describe('training note', () => {
  it('one course: "a … course … the course was"', async () => {
    const { text } = await render('2020', '{ name: Anytown Council, type: district }', "training: { courses: 1, kind: children's social care complaint handling }\n");
    expect(text).toContain("We were pleased to deliver a children's social care complaint handling course to your staff during the year. I welcome your Council's investment in good complaint handling training and trust the course was useful to you.");
  });

  it('one online course takes "an"', async () => {
    const { text } = await render('2024', '{ name: Anytown Council, type: district }', 'training: { courses: 1, kind: online complaint handling }\n');
    expect(text).toContain('We were pleased to deliver an online complaint handling course to your staff during the year. I welcome your authority\'s investment in good complaint handling training and trust the course was useful to you.');
  });

  it('two courses: counted in words, plural throughout', async () => {
    const { text } = await render('2020', '{ name: Anytown Council, type: district }', 'training: { courses: 2, kind: complaint handling }\n');
    expect(text).toContain("We were pleased to deliver two complaint handling courses to your staff during the year. I welcome your Council's investment in good complaint handling training and trust the courses were useful to you.");
  });

  it('no training: no note', async () => {
    const { text } = await render('2020', '{ name: Anytown Council, type: district }');
    expect(text).not.toContain('We were pleased to deliver');
  });
});

describe('2020 delay note', () => {
  it('one extended case, all responses complete', async () => {
    const { text } = await render('2020', '{ name: Anytown Council, type: district }', 'delay: { extended_cases: 1, proportion: a quarter }\n');
    expect(text).toContain("your Council has not responded to our enquiries within the requested timescale (in one case despite that timescale having been extended at the Council's request). Overall, we encountered delays in a quarter of your Council's responses.");
  });

  it('no extended cases, some incomplete', async () => {
    const { text } = await render('2020', '{ name: Anytown Council, type: district }', 'delay: { incomplete: true, proportion: almost half }\n');
    expect(text).toContain('within the requested timescale, and where the enquiry responses were incomplete. Overall, we encountered delays in almost half of your Council\'s responses.');
  });
});

describe('2020 statistics page', () => {
  it('zero investigations: the no-data wordings, no invented rates', async () => {
    const { text } = await render('2020', '{ name: Anytown Council, type: metropolitan-borough }', stats(0, 0, 0, 0, 0));
    expect(text).toContain('Complaints upheld The Ombudsman carried out no investigations in this period Compliance with Ombudsman recommendations No recommendations were due for compliance in this period Satisfactory remedies provided by the authority The Ombudsman did not uphold any complaints in this period');
    expect(text).not.toContain('of complaints we investigated');
  });

  it('one investigation: singular nouns', async () => {
    const { text } = await render('2020', '{ name: Anytown Council, type: metropolitan-borough }', stats(1, 1, 1, 1, 1));
    expect(text).toContain('100% of complaints we investigated were upheld. This compares to an average of 67% in similar authorities. 1 upheld decision Statistics are based on a total of 1 detailed investigation for the period between 1 April 2019 to 31 March 2020');
    expect(text).toContain('1 satisfactory remedy decision');
    expect(text).toContain('a total of 1 compliance outcome for the period');
  });

  it('investigations but none upheld: 0% upheld, and no remedy rate', async () => {
    const { text } = await render('2020', '{ name: Anytown Council, type: metropolitan-borough }', stats(5, 0, 0, 2, 1));
    expect(text).toContain('0% of complaints we investigated were upheld.');
    expect(text).toContain('In 50% of cases we were satisfied the authority had successfully implemented our recommendations.');
    expect(text).toContain('Satisfactory remedies provided by the authority The Ombudsman did not uphold any complaints in this period');
  });

  it('a council type with no average for the year: no comparison, and a warning', async () => {
    const { text, warnings } = await render('2020', '{ name: Anytown Council, type: london-borough }', stats(10, 5, 1, 2, 2));
    expect(text).toContain('50% of complaints we investigated were upheld. 5 upheld decisions');
    expect(text).not.toContain('This compares to an average');
    expect(warnings).toEqual(['the year has no averages for london-borough: the "compares to an average" lines are left out']);
  });

  it('a body that is not a council: no comparison, no warning, "authority" for "Council"', async () => {
    const { text, warnings } = await render('2020', '{ name: Anyshire Fire Authority, type: fire-authority, shared_with: the Chair }', stats(4, 2, 1, 1, 1));
    expect(text).not.toContain('This compares to an average');
    expect(warnings).toEqual([]);
    expect(text).toContain("the lived experience of your authority's services");
  });
});

describe('2023-24 letter for a council', () => {
  it('is shared with the Leader and the scrutiny chair, and has no "such as yours" paragraph', async () => {
    const { text } = await render('2024', '{ name: Anytown Council, type: unitary }', stats(12, 9, 3, 4, 4));
    expect(text).toContain("about your council's approach to complaints");
    expect(text).toContain('I have sought to share this letter with the Leader of the Council and Chair of the appropriate Scrutiny Committee to ensure effective ownership');
    expect(text).not.toContain('such as yours');
    expect(text).toContain('75% of complaints we investigated were upheld. 9 upheld decisions Statistics are based on a total of 12 detailed investigations for the period between 1 April 2023 to 31 March 2024');
    expect(text).toContain('In 33% of upheld cases we found the council had provided a satisfactory remedy before the complaint reached the Ombudsman.');
  });
});

describe('2018 tables', () => {
  it('computes totals and the uphold rate, and shows "-" when nothing was investigated', async () => {
    const received = 'received: { adult_care_services: 1, benefits_and_tax: 2, corporate_and_other_services: 3, education_and_childrens_services: 4, environment_services: 5, highways_and_transport: 6, housing: 7, planning_and_development: 8, other: 9 }';
    const decisions = 'decisions: { incomplete_or_invalid: 1, advice_given: 1, referred_back_for_local_resolution: 1, closed_after_initial_enquiries: 1, not_upheld: 0, upheld: 0 }';
    const { text } = await render('2018', '{ name: Anytown Council, type: district }', `statistics:\n  ${received}\n  ${decisions}\n  remedies: { by_ombudsman: 0, by_authority_before_ombudsman: 0 }\n`);
    expect(text).toContain('Other Total 1 2 3 4 5 6 7 8 9 45');
    expect(text).toContain('Uphold Rate Total 1 1 1 1 0 0 - 4');
  });
});
