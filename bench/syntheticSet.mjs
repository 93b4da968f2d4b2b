// A deterministic synthetic project: the shipped templates and `count` data
// files spread over the years 2018, 2020 and 2024, valid for each year's schema.
// The benchmark and the batch tests both use it, so they measure and check the
// same kinds of letter: every note combination, letters without statistics,
// zero counts, bodies that are not councils, and very long names.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const YEARS = ['2018', '2020', '2024'];
const COUNCIL_TYPES = ['county', 'district', 'metropolitan-borough', 'unitary', 'london-borough'];
const OTHER_TYPES = [
  ['combined-authority', 'Combined Authority', 'the Mayor'],
  ['fire-authority', 'Fire and Rescue Authority', 'the Chair of the Authority'],
  ['national-park', 'National Park Authority', 'the Chair of the Authority'],
];
const COUNCIL_WORDS = {
  county: 'County Council',
  district: 'District Council',
  'metropolitan-borough': 'Metropolitan Borough Council',
  unitary: 'Council',
  'london-borough': 'London Borough Council',
};
const SYLLABLES = ['ash', 'bury', 'ford', 'ham', 'ley', 'mere', 'wick', 'thorpe', 'dale', 'ton', 'well', 'stow', 'brook', 'field', 'by', 'cote'];
const SURNAMES = ['Harden', 'Reeves', 'Blake', 'Carney', 'Fairclough', "O’Neill", 'Ní Bhriain', 'Okonkwo', 'Smith-Jones', 'Łukasiewicz'];
const TITLES = ['Mr', 'Ms', 'Mrs', 'Dr'];
const ROLES = ['Chief Executive', 'Managing Director', 'Head of Paid Service', 'Chief Executive and Head of Paid Service'];

/** Mulberry32: a small seeded generator, so every run makes the same set. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `<dir>/templates` (a copy of the shipped ones) and `<dir>/data/<year>/<slug>.yaml`
 * for `count` authorities; returns the data files' paths relative to `dir`.
 */
export function writeSyntheticSet(dir, { count = 400, seed = 2024 } = {}) {
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const upTo = (n) => Math.floor(next() * (n + 1));
  const files = [];
  for (let i = 0; i < count; i += 1) {
    const year = YEARS[i % YEARS.length];
    const variant = Math.floor(i / YEARS.length);
    const place = capitalise(pick(SYLLABLES) + pick(SYLLABLES)) + (i % 7 === 0 ? ` and ${capitalise(pick(SYLLABLES) + pick(SYLLABLES))}` : '');
    const isCouncil = variant % 5 !== 4;
    const [type, words, sharedWith] = isCouncil ? [pick(COUNCIL_TYPES)] : pick(OTHER_TYPES);
    // Every 9th name is very long, so wrapping is exercised (at most 300 characters).
    const long = variant % 9 === 8 ? ' Joint Committee for the Administration of Shared Regulatory, Licensing & Environmental Health Services' : '';
    const name = `${place} ${isCouncil ? COUNCIL_WORDS[type] : words}${long} ${i + 1}`;
    const record = [
      'authority:',
      `  name: ${quote(name)}`,
      `  type: ${type}`,
      ...(sharedWith ? [`  shared_with: ${sharedWith}`] : []),
      'recipient:',
      // A letter is addressed by title and surname, or by forename and surname: some have both, some a forename only.
      ...(variant % 4 === 3 ? [] : [`  title: ${pick(TITLES)}`]),
      ...(variant % 4 === 3 || variant % 8 === 1 ? [`  forename: ${pick(['Margaret', 'Aled', 'Siân', 'José'])}`] : []),
      `  surname: ${quote(pick(SURNAMES))}`,
      `  role: ${pick(ROLES)}`,
      ...notes(year, variant, pick, upTo),
      ...statistics(year, variant, upTo),
    ];
    // Named by the name without its long tail: file names are kept short (at most 120 characters).
    const file = join('data', year, `${slug(`${place} ${isCouncil ? COUNCIL_WORDS[type] : words} ${i + 1}`)}.yaml`);
    mkdirSync(join(dir, 'data', year), { recursive: true });
    writeFileSync(join(dir, file), `${record.join('\n')}\n`);
    files.push(file);
  }
  return files;
}

/** 2020 has the training and delay notes, 2024 the training note: cycle through every combination. */
function notes(year, variant, pick, upTo) {
  const lines = [];
  if (year !== '2018' && variant % 2 === 1) {
    const courses = 1 + upTo(3);
    lines.push('training:', `  courses: ${courses}`, `  kind: ${pick(["children's social care complaint handling", 'online complaint handling', 'adult social care complaint handling'])}`);
  }
  if (year === '2020' && Math.floor(variant / 2) % 2 === 1) {
    lines.push('delay:', `  extended_cases: ${upTo(3)}`, `  incomplete: ${variant % 3 === 0}`, `  proportion: ${pick(['almost half', 'a third', 'most'])}`);
  }
  return lines;
}

/** Every 6th letter has no statistics; every 7th has all-zero counts (the no-data wordings). */
function statistics(year, variant, upTo) {
  if (variant % 6 === 5) return [];
  const zero = variant % 7 === 6;
  const n = (max) => (zero ? 0 : upTo(max));
  if (year === '2018') {
    const received = ['adult_care_services', 'benefits_and_tax', 'corporate_and_other_services', 'education_and_childrens_services', 'environment_services', 'highways_and_transport', 'housing', 'planning_and_development', 'other'];
    const decisions = ['incomplete_or_invalid', 'advice_given', 'referred_back_for_local_resolution', 'closed_after_initial_enquiries', 'not_upheld', 'upheld'];
    return [
      'statistics:',
      '  received:',
      ...received.map((key) => `    ${key}: ${n(30)}`),
      '  decisions:',
      ...decisions.map((key) => `    ${key}: ${n(25)}`),
      '  remedies:',
      `    by_ombudsman: ${n(12)}`,
      `    by_authority_before_ombudsman: ${n(3)}`,
    ];
  }
  const investigations = n(40);
  const upheld = zero ? 0 : upTo(investigations);
  const remedies = zero ? 0 : upTo(upheld);
  const outcomes = zero ? 0 : upTo(upheld);
  const complied = zero ? 0 : upTo(outcomes);
  return [
    'statistics:',
    `  investigations: ${investigations}`,
    `  upheld: ${upheld}`,
    `  satisfactory_remedies: ${remedies}`,
    `  compliance: { outcomes: ${outcomes}, complied: ${complied} }`,
  ];
}

function quote(text) {
  return JSON.stringify(text);
}

function capitalise(word) {
  return word[0].toUpperCase() + word.slice(1);
}

function slug(name) {
  return name.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
