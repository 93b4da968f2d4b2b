import type { Problem } from '../errors.js';
import { shapeOf } from '../shapes/index.js';
import type { AuthorityRecord, TypeAverages, YearConfig } from '../validate/schema.js';
import { isCouncilType } from '../validate/values.js';
import { indefiniteArticle, longDate, numberWord, shortDate } from './figures.js';

/**
 * Everything a year's template may refer to for one letter. Every key is
 * always present (null when a part does not apply), so the strict template
 * engine can tell a typo from an absent note.
 */
export interface LetterModel {
  year: {
    letter_date: string;
    period_start: string;
    period_end: string;
    period_end_numeric: string;
    signatory: YearConfig['signatory'];
  };
  facts: YearConfig['facts'];
  authority: { name: string; type: string; is_council: boolean; shared_with: string | null };
  recipient: { name: string; role: string };
  training: { courses: number; kind: string; one: boolean; article: string; count: string } | null;
  delay: { extended_cases: number; extended_cases_words: string; incomplete: boolean; proportion: string } | null;
  /** The year's statistics shape's figures (src/shapes/): OutcomeFigures or TableFigures. */
  statistics: Record<string, unknown> | null;
}

export interface BuiltModel {
  model: LetterModel;
  warnings: Problem[];
}

/**
 * `averages` are the year's averages of similar authorities: those typed in
 * year.yaml, or for a year with `averages: from-data`, those computed from
 * its data files (compute/averages.ts).
 */
export function buildLetterModel(record: AuthorityRecord, year: YearConfig, file: string, averages: TypeAverages): BuiltModel {
  const warnings: Problem[] = [];
  const type = record.authority.type;
  const isCouncil = isCouncilType(type);
  const shape = shapeOf(year.data);
  let statistics: LetterModel['statistics'] = null;
  if (!record.statistics) {
    warnings.push({ severity: 'warning', file, field: 'statistics', message: 'no statistics: the letter is made without its statistics page' });
  } else {
    const average = isCouncil ? (averages[type] ?? null) : null;
    if (shape.comparesWithAverages && isCouncil && !average) {
      warnings.push({ severity: 'warning', file, field: 'authority.type', message: `the year has no averages for ${type}: the "compares to an average" lines are left out` });
    }
    statistics = shape.figures({ authority: record.authority, statistics: record.statistics }, average);
  }
  const { title, forename, surname, role } = record.recipient;
  const training = record.training ?? null;
  const delay = record.delay ?? null;
  return {
    warnings,
    model: {
      year: {
        letter_date: longDate(year.letter_date),
        period_start: longDate(year.period.start),
        period_end: longDate(year.period.end),
        period_end_numeric: shortDate(year.period.end),
        signatory: year.signatory,
      },
      facts: year.facts,
      authority: { name: record.authority.name, type: record.authority.type, is_council: isCouncil, shared_with: record.authority.shared_with ?? null },
      recipient: { name: [title, forename, surname].filter(Boolean).join(' '), role },
      training: training && {
        courses: training.courses,
        kind: training.kind,
        one: training.courses === 1,
        article: indefiniteArticle(training.kind),
        count: numberWord(training.courses),
      },
      delay: delay && {
        extended_cases: delay.extended_cases,
        extended_cases_words: numberWord(delay.extended_cases),
        incomplete: delay.incomplete,
        proportion: delay.proportion,
      },
      statistics,
    },
  };
}
