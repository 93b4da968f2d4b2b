import type { Problem } from '../errors.js';
import { COUNCIL_TYPES, type AuthorityRecord, type CouncilType, type Outcomes, type Tables, type TypeAverages, type YearConfig } from '../validate/schema.js';
import { addressedAs, indefiniteArticle, longDate, numberWord, percent, shortDate, total, upholdRate2018 } from './figures.js';

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
  statistics: OutcomeFigures | TableFigures | null;
}

export interface OutcomeFigures {
  investigations: number;
  upheld: number;
  satisfactory_remedies: number;
  compliance_outcomes: number;
  complied: number;
  upheld_rate: number | null;
  compliance_rate: number | null;
  remedy_rate: number | null;
  average: { upheld: number; compliance: number; remedies: number } | null;
}

export interface TableFigures {
  received: Tables['received'] & { total: number };
  decisions: Omit<Tables['decisions'], 'uphold_rate'> & { uphold_rate: number | null; total: number };
  remedies: Tables['remedies'];
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
  const isCouncil = (COUNCIL_TYPES as readonly string[]).includes(record.authority.type);
  let statistics: LetterModel['statistics'] = null;
  if (!record.statistics) {
    warnings.push({ severity: 'warning', file, field: 'statistics', message: 'no statistics: the letter is made without its statistics page' });
  } else if (year.data.statistics === 'outcomes') {
    const average = isCouncil ? (averages[record.authority.type as CouncilType] ?? null) : null;
    if (isCouncil && !average) {
      warnings.push({ severity: 'warning', file, field: 'authority.type', message: `the year has no averages for ${record.authority.type}: the "compares to an average" lines are left out` });
    }
    statistics = outcomeFigures(record.statistics as Outcomes, average);
  } else {
    statistics = tableFigures(record.statistics as Tables);
  }
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
      recipient: { name: addressedAs(record.recipient), role: record.recipient.role },
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

export function outcomeFigures(s: Outcomes, average: OutcomeFigures['average']): OutcomeFigures {
  return {
    investigations: s.investigations,
    upheld: s.upheld,
    satisfactory_remedies: s.satisfactory_remedies,
    compliance_outcomes: s.compliance.outcomes,
    complied: s.compliance.complied,
    upheld_rate: percent(s.upheld, s.investigations),
    compliance_rate: percent(s.compliance.complied, s.compliance.outcomes),
    remedy_rate: percent(s.satisfactory_remedies, s.upheld),
    average,
  };
}

export function tableFigures(t: Tables): TableFigures {
  const { uphold_rate: _given, ...decisions } = t.decisions;
  return {
    received: { ...t.received, total: total(t.received) },
    decisions: { ...decisions, uphold_rate: upholdRate2018(decisions.upheld, decisions.not_upheld), total: total(decisions) },
    remedies: t.remedies,
  };
}
