import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countProblems, type Problem } from '../../src/errors.js';
import { MAX_FILE_BYTES } from '../../src/load/yamlFile.js';
import { CRASH, makeProject, problemLines, runCli, shipped, type TemplateEdits } from './support.js';

/**
 * The catalogue of bad input: each entry is a project (the shipped templates,
 * some data files, maybe a template edit) and the exact lines `letters`
 * must print for it. Every entry is checked twice: in process (load, validate,
 * render) and through the built command, where `validate` and `build` must
 * exit 1 with those lines, no stack trace, and nothing in --out.
 */

const knowsley = shipped('2020/knowsley-metropolitan-borough-council.yaml');
const liverpool = shipped('2020/liverpool-city-council.yaml');
const combined = shipped('2024/liverpool-city-region-combined-authority.yaml');
const K = 'data/2020/knowsley.yaml';
const Y = 'templates/2020/year.yaml';

/** `text` with `from` replaced, failing loudly if the shipped file no longer holds `from`. */
function edit(text: string, from: string | RegExp, to: string): string {
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`test setup: ${String(from)} not found`);
  return changed;
}

interface BadInput {
  name: string;
  files: Record<string, string | Uint8Array>;
  edits?: TemplateEdits;
  lines: string[];
}

const allowedTypes = 'county, district, metropolitan-borough, unitary, london-borough, combined-authority, fire-authority, national-park, other';
const topKeys2020 = 'authority, recipient, copies, statistics, training, delay';
const aliasBomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');

const catalogue: BadInput[] = [
  {
    name: 'malformed YAML (an unclosed bracket)',
    files: { [K]: edit(knowsley, 'role: Chief Executive', 'role: [Chief Executive') },
    lines: [`${K}:9:1  YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]`],
  },
  {
    name: 'a line indented further than the keys above it',
    files: { [K]: edit(knowsley, '  compliance:', '    compliance:') },
    lines: [`${K}:15:26  YAML syntax: a line below this value is indented further than its key, so it reads as more of the value (line up the keys of a map)`],
  },
  {
    name: 'a colon and space in a value without quotes',
    files: { [K]: edit(knowsley, 'role: Chief Executive', 'role: Chief Executive: Children') },
    lines: [`${K}:8:9  YAML syntax: this value holds ": ", which would start a map inside it (put the value in quotes)`],
  },
  {
    name: 'tab indentation',
    files: { [K]: edit(knowsley, '  surname: Harden', '\tsurname: Harden') },
    lines: [`${K}:7:1  tab used for indentation (indent with spaces)`],
  },
  {
    name: 'a duplicate key',
    files: { [K]: edit(knowsley, '  role: Chief Executive', '  role: Chief Executive\n  title: Dr') },
    lines: [`${K}:9:3  recipient.title  \`title\` is given twice in the same map (first on line 6): give each key once`],
  },
  {
    name: 'a key with no value given twice (reported at the second)',
    files: { [K]: edit(knowsley, 'authority:\n', 'authority:\nauthority:\n') },
    lines: [`${K}:3:1  authority  \`authority\` is given twice in the same map (first on line 2): give each key once`],
  },
  {
    name: 'an empty file',
    files: { [K]: '' },
    lines: [`${K}:1:1  file is empty (expected a map with keys ${topKeys2020})`],
  },
  {
    name: 'a bare scalar at the top',
    files: { [K]: 'Knowsley Metropolitan Borough Council\n' },
    lines: [`${K}:1:1  expected a map with keys ${topKeys2020}, got "Knowsley Metropolitan Borough Council"`],
  },
  {
    name: 'a list at the top',
    files: { [K]: '- authority\n- recipient\n' },
    lines: [`${K}:1:1  expected a map with keys ${topKeys2020}, got a list`],
  },
  {
    name: 'a list where a map belongs',
    files: { [K]: edit(knowsley, /recipient:\n[\s\S]*?\ntraining:/, 'recipient:\n  - Mr Harden\n  - Chief Executive\ntraining:') },
    lines: [`${K}:6:3  recipient  expected a map with keys title, forename, surname, role, email, got a list`],
  },
  {
    name: 'a count written in words',
    files: { [K]: edit(knowsley, 'investigations: 12', 'investigations: twelve') },
    lines: [`${K}:13:19  statistics.investigations  expected a whole number, got "twelve"`],
  },
  {
    name: 'a count given as true',
    files: { [K]: edit(knowsley, 'upheld: 9', 'upheld: true') },
    lines: [`${K}:14:11  statistics.upheld  expected a whole number, got true`],
  },
  {
    name: 'a count given as a date',
    files: { [K]: edit(knowsley, 'investigations: 12', 'investigations: 2020-03-31') },
    lines: [`${K}:13:19  statistics.investigations  expected a whole number, got the date 2020-03-31`],
  },
  {
    name: 'a count in quotes',
    files: { [K]: edit(knowsley, 'investigations: 12', 'investigations: "12"') },
    lines: [`${K}:13:19  statistics.investigations  expected a whole number, got "12" (remove the quotes)`],
  },
  {
    name: 'a negative count',
    files: { [K]: edit(knowsley, 'satisfactory_remedies: 3', 'satisfactory_remedies: -3') },
    lines: [`${K}:15:26  statistics.satisfactory_remedies  must be 0 or more, got -3`],
  },
  {
    name: 'a fractional count',
    files: { [K]: edit(knowsley, 'upheld: 9', 'upheld: 9.5') },
    lines: [`${K}:14:11  statistics.upheld  expected a whole number, got the fraction 9.5`],
  },
  {
    name: 'a count in hexadecimal',
    files: { [K]: edit(knowsley, 'investigations: 12', 'investigations: 0x10') },
    lines: [`${K}:13:19  statistics.investigations  \`0x10\` is read as 16: write whole numbers in plain digits, e.g. 16`],
  },
  {
    name: 'a count in exponent form',
    files: { [K]: edit(knowsley, 'outcomes: 4', 'outcomes: 4e0') },
    lines: [`${K}:16:27  statistics.compliance.outcomes  \`4e0\` is read as 4: write whole numbers in plain digits, e.g. 4`],
  },
  {
    name: 'a whole count with a decimal point',
    files: { [K]: edit(knowsley, 'upheld: 9', 'upheld: 9.0') },
    lines: [`${K}:14:11  statistics.upheld  \`9.0\` is read as 9: write whole numbers in plain digits, e.g. 9`],
  },
  {
    name: 'upheld more than investigations',
    files: { [K]: edit(knowsley, 'upheld: 9', 'upheld: 13') },
    lines: [`${K}:14:11  statistics.upheld  is 13, more than investigations (12): expected at most 12`],
  },
  {
    name: 'satisfactory remedies more than upheld',
    files: { [K]: edit(knowsley, 'satisfactory_remedies: 3', 'satisfactory_remedies: 10') },
    lines: [`${K}:15:26  statistics.satisfactory_remedies  is 10, more than upheld (9): expected at most 9`],
  },
  {
    name: 'complied more than outcomes',
    files: { [K]: edit(knowsley, 'complied: 4', 'complied: 5') },
    lines: [`${K}:16:40  statistics.compliance.complied  is 5, more than outcomes (4): expected at most 4`],
  },
  {
    name: 'a given percentage that disagrees with its counts',
    files: { [K]: `${knowsley}  upheld_rate: 70\n` },
    lines: [`${K}:17:16  statistics.upheld_rate  is given as 70% but the counts give 75% (upheld ÷ investigations, rounded half up): expected 75, or leave it out`],
  },
  {
    name: 'an unknown key at the top (a typo)',
    files: { [K]: edit(knowsley, 'training:', 'trainng:') },
    lines: [`${K}:9:1  trainng  unknown key \`trainng\` (did you mean \`training\`?)`],
  },
  {
    name: 'an unknown key nested (a typo of a required key: reported once)',
    files: { [K]: edit(knowsley, 'surname:', 'surnme:') },
    lines: [`${K}:7:3  recipient.surnme  unknown key \`surnme\` (did you mean \`surname\`?)`],
  },
  {
    name: 'an unknown key nested, nothing like a known one',
    files: { [K]: `${knowsley}  colour: blue\n` },
    lines: [`${K}:17:3  statistics.colour  unknown key \`colour\` (expected \`investigations\`, \`upheld\`, \`satisfactory_remedies\`, \`compliance\`, \`upheld_rate\`, \`compliance_rate\`, \`remedy_rate\`)`],
  },
  {
    name: 'an unknown key and upheld more than investigations (both reported)',
    files: { [K]: edit(edit(knowsley, 'training:', 'trainng:'), 'upheld: 9', 'upheld: 13') },
    lines: [
      `${K}:9:1  trainng  unknown key \`trainng\` (did you mean \`training\`?)`,
      `${K}:14:11  statistics.upheld  is 13, more than investigations (12): expected at most 12`,
    ],
  },
  {
    name: 'a wrong value in the statistics and counts that disagree in them (both reported)',
    files: { [K]: edit(edit(knowsley, 'satisfactory_remedies: 3', 'satisfactory_remedies: three'), 'complied: 4', 'complied: 5') },
    lines: [
      `${K}:15:26  statistics.satisfactory_remedies  expected a whole number, got "three"`,
      `${K}:16:40  statistics.compliance.complied  is 5, more than outcomes (4): expected at most 4`,
    ],
  },
  {
    name: 'a typo in shared_with (reported as the typo, not also as missing)',
    files: { 'data/2024/combined.yaml': edit(combined, 'shared_with:', 'shared_wth:') },
    lines: ['data/2024/combined.yaml:5:3  authority.shared_wth  unknown key `shared_wth` (did you mean `shared_with`?)'],
  },
  {
    name: 'a note the year does not have',
    files: { 'data/2024/combined.yaml': `${combined}delay:\n  proportion: half\n` },
    lines: ['data/2024/combined.yaml:18:1  delay  this year\'s letter has no delay note (its notes: training): remove `delay`'],
  },
  {
    name: 'a missing required field',
    files: { [K]: edit(knowsley, '  role: Chief Executive\n', '') },
    lines: [`${K}:6:3  recipient.role  is required (expected text)`],
  },
  {
    name: 'a missing field that only bodies other than councils need',
    files: { 'data/2024/combined.yaml': edit(combined, '  shared_with: the Mayor\n', '') },
    lines: ['data/2024/combined.yaml:3:3  authority.shared_with  is required for a combined-authority: whom the letter is shared with, e.g. "the Mayor"'],
  },
  {
    name: 'a missing authority type',
    files: { [K]: edit(knowsley, '  type: metropolitan-borough\n', '') },
    lines: [`${K}:3:3  authority.type  is required (expected one of: ${allowedTypes})`],
  },
  {
    name: 'an unknown authority type',
    files: { [K]: edit(knowsley, 'type: metropolitan-borough', 'type: metropolitan') },
    lines: [`${K}:4:9  authority.type  "metropolitan" is not allowed (did you mean "metropolitan-borough"? expected one of: ${allowedTypes})`],
  },
  {
    name: 'a value on two lines',
    files: { [K]: edit(knowsley, 'surname: Harden', 'surname: "Har\\nden"') },
    lines: [`${K}:7:12  recipient.surname  must be one line of plain text (no line breaks, tabs, control or invisible characters), got "Har\\nden"`],
  },
  {
    name: 'a value with an invisible character (a direction override)',
    files: { [K]: edit(knowsley, 'surname: Harden', 'surname: Har\u202eden') },
    lines: [`${K}:7:12  recipient.surname  must be one line of plain text (no line breaks, tabs, control or invisible characters), got "Har\\u202eden"`],
  },
  {
    name: 'a value with a terminal escape character, shown escaped',
    files: { [K]: edit(knowsley, 'role: Chief Executive', 'role: Chief\u001b[2J Executive') },
    lines: [`${K}:8:9  recipient.role  must be one line of plain text (no line breaks, tabs, control or invisible characters), got "Chief\\u001b[2J Executive"`],
  },
  {
    name: 'a key with a zero-width space in it, shown escaped',
    files: { [K]: edit(knowsley, 'surname:', 'sur\u200bname:') },
    lines: [`${K}:7:3  recipient.sur\\u200bname  unknown key \`sur\\u200bname\` (did you mean \`surname\`?)`],
  },
  {
    name: 'an unknown year',
    files: { 'data/2019/knowsley.yaml': knowsley },
    lines: ['data/2019/knowsley.yaml:1:1  no template for year 2019 (years with templates: 2018, 2020, 2024; `letters new-year 2019` starts it)'],
  },
  {
    name: 'bytes that are not UTF-8 (a Windows-1252 "é")',
    files: { [K]: Buffer.concat([Buffer.from(edit(knowsley, 'surname: Harden', 'surname: Hard')), Buffer.from([0xe9]), Buffer.from('n\n')]) },
    lines: [`${K}:17:1  file is not valid UTF-8 text: byte 0xE9 here (save the file as UTF-8)`],
  },
  {
    name: 'a YAML alias bomb',
    files: { [K]: `${aliasBomb}\n` },
    lines: [`${K}:2:8  aliases expand to too much data (at most 100 copies in all): write the values out instead`],
  },
  {
    name: 'an alias to no anchor',
    files: { [K]: edit(knowsley, 'surname: Harden', 'surname: *Harden') },
    lines: [`${K}:7:12  \`*Harden\` refers to no anchor \`&Harden\` above it (remove the \`*\` or put the value in quotes)`],
  },
  {
    name: 'a custom tag (!!js/function)',
    files: { [K]: edit(knowsley, 'surname: Harden', 'surname: !!js/function "function () { return 1 }"') },
    lines: [`${K}:7:12  recipient.surname  the tag \`!!js/function\` is not allowed: data files hold plain values (remove the tag)`],
  },
  {
    name: 'a second YAML document',
    files: { [K]: `${knowsley}---\nauthority: {}\n` },
    lines: [`${K}:17:1  a second YAML document starts here: a data file holds one (remove the \`---\` or \`...\` line)`],
  },
  {
    name: 'an enormous file',
    files: { [K]: `${knowsley}# ${'x'.repeat(MAX_FILE_BYTES)}\n` },
    lines: [`${K}:1:1  file is too large (${(knowsley.length + MAX_FILE_BYTES + 3).toLocaleString('en-GB')} bytes; a data file may be at most 262,144 bytes)`],
  },
  {
    name: 'two files for the same authority and year',
    files: { 'data/2020/knowsley.yaml': knowsley, 'data/2020/knowsley-mbc.yaml': knowsley },
    lines: ['data/2020/knowsley.yaml:3:9  authority.name  Knowsley Metropolitan Borough Council already has a 2020 letter in data/2020/knowsley-mbc.yaml'],
  },
  {
    name: 'a file name that is not a valid slug',
    files: { 'data/2020/Knowsley MBC.yaml': knowsley },
    lines: ['data/2020/Knowsley MBC.yaml:1:1  "Knowsley MBC" is not a valid file name: use lower-case letters, digits and single hyphens, e.g. knowsley-mbc.yaml'],
  },
  {
    name: 'a .yml file',
    files: { 'data/2020/knowsley.yml': knowsley },
    lines: ['data/2020/knowsley.yml:1:1  data files end in .yaml: rename it knowsley.yaml'],
  },
  {
    name: 'a year file with a misspelt key',
    files: { [K]: knowsley },
    edits: { '2020/year.yaml': (text) => edit(text, 'letter_date:', 'leter_date:') },
    lines: [`${Y}:6:1  leter_date  unknown key \`leter_date\` (did you mean \`letter_date\`?)`],
  },
  {
    name: 'a year file with an unknown key',
    files: { [K]: knowsley },
    edits: { '2020/year.yaml': (text) => `${text}colour: blue\n` },
    lines: [`${Y}:56:1  colour  unknown key \`colour\` (expected \`data\`, \`letter_date\`, \`period\`, \`signatory\`, \`letterhead\`, \`averages\`, \`facts\`, \`email\`, \`import\`)`],
  },
  {
    name: 'a year file with values of the wrong type',
    files: { [K]: knowsley },
    edits: { '2020/year.yaml': (text) => edit(edit(text, 'name: Michael King', 'name: [Michael King]'), 'upheld: 67', 'upheld: high') },
    lines: [
      `${Y}:9:9  signatory.name  expected text, got a list`,
      `${Y}:16:35  averages.metropolitan-borough.upheld  expected a whole number, got "high"`,
    ],
  },
  {
    name: 'a year file without letter_date',
    files: { [K]: knowsley },
    edits: { '2020/year.yaml': (text) => edit(text, 'letter_date: 2020-07-22\n', '') },
    lines: [`${Y}:3:1  letter_date  is required (expected a date written yyyy-mm-dd)`],
  },
  {
    name: 'a year file with a date that is not a date',
    files: { [K]: knowsley },
    edits: { '2020/year.yaml': (text) => edit(text, 'letter_date: 2020-07-22', 'letter_date: 22 July 2020') },
    lines: [`${Y}:6:14  letter_date  must be a real date written yyyy-mm-dd, got "22 July 2020"`],
  },
  {
    name: 'a year file with averages for a type that does not exist',
    files: { [K]: knowsley },
    edits: { '2020/year.yaml': (text) => edit(text, 'metropolitan-borough: {', 'metropolitan: {') },
    lines: [`${Y}:16:3  averages.metropolitan  unknown key \`metropolitan\` (did you mean \`metropolitan-borough\`?)`],
  },
  {
    name: 'an empty year file',
    files: { [K]: knowsley },
    edits: { '2020/year.yaml': () => '' },
    lines: [`${Y}:1:1  file is empty (expected a map with keys data, letter_date, period, signatory, letterhead, averages, facts, email, import)`],
  },
  {
    name: 'a template with an unknown placeholder',
    files: { [K]: knowsley },
    edits: { '2020/letter.md.hbs': (text) => `{{recipient.nmae}}\n${text}` },
    lines: ['templates/2020/letter.md.hbs:1:3  recipient.nmae  is not defined: the letter model has no such field (did you mean `recipient.name`?)'],
  },
  {
    name: 'a template with an unknown field in {{#if}}, in a partial',
    files: { 'data/2020/liverpool.yaml': liverpool },
    edits: { '2020/partials/delay-note.md.hbs': (text) => `{{#if delay.incompete}}x{{/if}}${text}` },
    lines: ['templates/2020/partials/delay-note.md.hbs:1:7  delay.incompete  is not defined: the letter model has no such field (did you mean `delay.incomplete`?)'],
  },
  {
    name: 'a template with an unknown helper',
    files: { [K]: knowsley },
    edits: { '2020/letter.md.hbs': (text) => `{{upper recipient.name}}\n${text}` },
    lines: ['templates/2020/letter.md.hbs:1:1  unknown helper "upper" (expected one of: words, number, plural, article, eq)'],
  },
  {
    name: 'a template with a misspelt helper: the nearest is named',
    files: { [K]: knowsley },
    edits: { '2020/letter.md.hbs': (text) => `x {{plurl 2 "course"}}\n${text}` },
    lines: ['templates/2020/letter.md.hbs:1:3  unknown helper "plurl" (did you mean "plural"? expected one of: words, number, plural, article, eq)'],
  },
  {
    name: 'a misspelt top-level field: the nearest is named',
    files: { [K]: knowsley },
    edits: { '2020/letter.md.hbs': (text) => `{{recipent.name}}\n${text}` },
    lines: ['templates/2020/letter.md.hbs:1:3  recipent  is not defined: the letter model has no such field (did you mean `recipient`?)'],
  },
  {
    name: 'a template with an unknown helper inside {{#if (…)}} in a partial',
    files: { [K]: knowsley },
    edits: { '2020/partials/delay-note.md.hbs': (text) => `{{#if (gt delay.extended_cases 1)}}x{{/if}}${text}` },
    lines: ['templates/2020/partials/delay-note.md.hbs:1:7  unknown helper "gt" (expected one of: words, number, plural, article, eq)'],
  },
  {
    name: 'a template with a syntax error',
    files: { [K]: knowsley },
    edits: { '2020/letter.md.hbs': (text) => `Dear {{recipient.name}\n${text}` },
    lines: ['templates/2020/letter.md.hbs:1:22  template syntax: unexpected "}" (expected }} to close the mustache)'],
  },
  {
    name: 'a template with a block never closed',
    files: { [K]: knowsley },
    edits: { '2020/letter.md.hbs': (text) => `{{#if training}}\n${text}` },
    lines: ['templates/2020/letter.md.hbs:1:1  template syntax: {{#if}} is never closed (expected {{/if}} before the end of the file)'],
  },
  {
    name: 'a template that reaches for a built-in property',
    files: { [K]: knowsley },
    edits: { '2020/letter.md.hbs': (text) => `{{recipient.constructor}}\n${text}` },
    lines: ['templates/2020/letter.md.hbs:1:3  recipient.constructor  `constructor` is a built-in property, not a field of the letter model'],
  },
  {
    name: 'a template calling an unknown partial',
    files: { [K]: knowsley },
    edits: { '2020/letter.md.hbs': (text) => `{{> adressee}}\n${text}` },
    lines: ['templates/2020/letter.md.hbs:1:1  unknown partial "adressee" (expected one of: addressee, letterhead, signoff, training-note, authority-noun, delay-note, statistics)'],
  },
];

// Each entry runs the built command twice; a slow machine needs more than the default 5 s.
describe('the catalogue of bad input', { timeout: 300_000 }, () => {
  it('has at least 25 entries', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(catalogue)('$name', ({ files, edits, lines }) => {
    it('is reported exactly, with file, line and column', async () => {
      expect(await problemLines(makeProject(files, edits))).toEqual(lines);
    });

    it.concurrent('makes `letters validate` exit 1 with exactly those lines and a count', async () => {
      const result = await runCli(['validate'], makeProject(files, edits));
      expect(result.stderr).toBe([...lines, countProblems(asProblems(lines)), ''].join('\n'));
      expect(result.code).toBe(1);
    });

    it.concurrent('makes `letters build` exit 1, say why, and write nothing', async () => {
      const dir = makeProject(files, edits);
      const result = await runCli(['build', '--format', 'text', '--out', 'out'], dir);
      const printed = result.stderr.split('\n');
      for (const line of lines) expect(printed.some((text) => text.startsWith(line)), `${line}\nin\n${result.stderr}`).toBe(true);
      expect(result.stderr).not.toMatch(CRASH);
      expect(result.code).toBe(1);
      expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out'), { recursive: true }) : []).toEqual([]);
    });
  });
});

describe('data file names that are not plain files', { timeout: 300_000 }, () => {
  // Made on disk after the project: a FIFO would block a reader for ever, a folder or a link to nothing cannot be read.
  const unreadable = () => {
    const dir = makeProject({ [K]: knowsley });
    execFileSync('mkfifo', [join(dir, 'data/2020/fifo.yaml')]);
    mkdirSync(join(dir, 'data/2020/folder.yaml'));
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'data/2020/dangling.yaml'));
    return dir;
  };
  const lines = [
    'data/2020/dangling.yaml:1:1  file cannot be read (it is a link to nothing)',
    'data/2020/fifo.yaml:1:1  file is not a regular file',
    'data/2020/folder.yaml:1:1  file is not a regular file',
  ];

  it('reports each, at its first line, without reading it', async () => {
    expect(await problemLines(unreadable())).toEqual(lines);
  });

  it('makes `letters validate` and `letters build` exit 1 with those lines, and write nothing', async () => {
    const dir = unreadable();
    const validate = await runCli(['validate'], dir);
    expect(validate.stderr).toBe([...lines, '3 problems in 3 files', ''].join('\n'));
    expect(validate.code).toBe(1);
    const build = await runCli(['build', '--format', 'text', '--out', 'out'], dir);
    expect(build.stderr).toBe([...lines, '3 problems in 3 files', 'nothing written (use --keep-going to write the valid letters)', ''].join('\n'));
    expect(build.code).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('good input that looks unusual', { timeout: 300_000 }, () => {
  it('accepts a file that starts with a byte-order mark', async () => {
    const dir = makeProject({ [K]: `\uFEFF${knowsley}` });
    expect(await problemLines(dir)).toEqual([]);
    expect((await runCli(['validate'], dir)).code).toBe(0);
  });

  it('accepts anchors and aliases used within the limit', async () => {
    const dir = makeProject({ [K]: edit(knowsley, 'compliance: { outcomes: 4, complied: 4 }', 'compliance: &c { outcomes: 4, complied: 4 }') });
    expect(await problemLines(dir)).toEqual([]);
  });

  it('refuses a larger alias bomb with the same message (expanded in full, it would never finish)', async () => {
    expect(await problemLines(makeProject({ [K]: `${aliasBomb}\ni: [${Array(10).fill('*h').join(', ')}]\n` }))).toEqual([
      `${K}:2:8  aliases expand to too much data (at most 100 copies in all): write the values out instead`,
    ]);
  });
});

/** Enough of a Problem to count the printed lines by file, as the CLI does. */
function asProblems(lines: string[]): Problem[] {
  return lines.map((line) => ({ severity: 'error', file: line.split(':')[0]!, message: line }));
}
