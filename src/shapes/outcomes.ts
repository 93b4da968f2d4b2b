import { z } from 'zod';
import { formatRate, PER_100000, per100000, PERCENT, percent } from '../compute/figures.js';
import { count, percentage } from '../validate/values.js';
import type { Average, Parts, StatisticsRecord, StatisticsShape } from './shape.js';

/**
 * 2020 onwards: the three key statistics (upheld, compliance with
 * recommendations, satisfactory remedies by the authority), each compared
 * with the average of similar authorities; and, where the authority's
 * population is known, upheld decisions per 100,000 residents.
 */

const rate = (formula: string) =>
  percentage.optional().describe(`The published rate in whole percent (${formula}, rounded half up): checked against the counts, never used instead of them.`);

const statistics = z
  .strictObject({
    investigations: count.describe('Detailed investigations decided in the year.'),
    upheld: count.describe('Investigations upheld (at most investigations).'),
    satisfactory_remedies: count.describe('Upheld cases where the authority had already provided a satisfactory remedy (at most upheld).'),
    compliance: z
      .strictObject({
        outcomes: count.describe('Compliance outcomes recorded in the year.'),
        complied: count.describe('Of those, recommendations the authority complied with (at most outcomes).'),
      })
      .describe('Compliance with the Ombudsman\'s recommendations.'),
    upheld_rate: rate('upheld ÷ investigations'),
    compliance_rate: rate('complied ÷ outcomes'),
    remedy_rate: rate('satisfactory_remedies ÷ upheld'),
  })
  .describe('The statistics page. Leave it out only where the published letter has none.');

export type Outcomes = z.infer<typeof statistics>;

const population = count
  .optional()
  .describe('Residents of the area, a whole number: gives "upheld decisions per 100,000 residents". Leave it out where it is not known.');

// Typed as the letters print it: 4.6, or 4 for "4.0" (YAML reads 4.0 as a whole number, and a whole number is written in plain digits).
const oneDecimal = z
  .number()
  .min(0)
  .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, 'must have at most one decimal place, e.g. 4.6');

const typedAverage = z.strictObject({
  upheld: percentage,
  compliance: percentage,
  remedies: percentage,
  upheld_per_100000: oneDecimal.optional(),
});

/** Everything the statistics page may print, each key always present (null when it does not apply). */
export interface OutcomeFigures {
  investigations: number;
  upheld: number;
  satisfactory_remedies: number;
  compliance_outcomes: number;
  complied: number;
  upheld_rate: number | null;
  compliance_rate: number | null;
  remedy_rate: number | null;
  population: number | null;
  /** "5.5": always one decimal place; null without a population above 0. */
  upheld_per_100000: string | null;
  average: { upheld: number; compliance: number; remedies: number; upheld_per_100000: string | null } | null;
}

export function outcomeFigures(s: Outcomes, populationGiven: number | undefined, average: Average | null): OutcomeFigures {
  const perResidents = populationGiven === undefined ? null : per100000(s.upheld, populationGiven);
  const averagePerResidents = average?.upheld_per_100000;
  return {
    investigations: s.investigations,
    upheld: s.upheld,
    satisfactory_remedies: s.satisfactory_remedies,
    compliance_outcomes: s.compliance.outcomes,
    complied: s.compliance.complied,
    upheld_rate: percent(s.upheld, s.investigations),
    compliance_rate: percent(s.compliance.complied, s.compliance.outcomes),
    remedy_rate: percent(s.satisfactory_remedies, s.upheld),
    population: populationGiven ?? null,
    upheld_per_100000: perResidents === null ? null : formatRate(perResidents, PER_100000),
    average: average && {
      upheld: average.upheld!,
      compliance: average.compliance!,
      remedies: average.remedies!,
      upheld_per_100000: averagePerResidents === undefined ? null : formatRate(averagePerResidents, PER_100000),
    },
  };
}

function populationOf(record: StatisticsRecord): number | undefined {
  return record.authority.population as number | undefined;
}

export const outcomes: StatisticsShape = {
  name: 'outcomes',
  statistics,
  authorityFields: { population },
  typedAverage,
  rules({ notMore, rate }) {
    const s = (...path: string[]) => ['statistics', ...path];
    notMore(s('upheld'), 'investigations', s('investigations'));
    notMore(s('satisfactory_remedies'), 'upheld', s('upheld'));
    notMore(s('compliance', 'complied'), 'outcomes', s('compliance', 'outcomes'));
    rate(s('upheld_rate'), s('upheld'), s('investigations'), percent, 'upheld ÷ investigations');
    rate(s('compliance_rate'), s('compliance', 'complied'), s('compliance', 'outcomes'), percent, 'complied ÷ outcomes');
    rate(s('remedy_rate'), s('satisfactory_remedies'), s('upheld'), percent, 'satisfactory_remedies ÷ upheld');
  },
  figures: (record, average) => ({ ...outcomeFigures(record.statistics as Outcomes, populationOf(record), average) }),
  comparesWithAverages: true,
  pooled: [
    { name: 'upheld', scale: PERCENT },
    { name: 'compliance', scale: PERCENT },
    { name: 'remedies', scale: PERCENT },
    { name: 'upheld_per_100000', scale: PER_100000, optional: true },
  ],
  parts(record) {
    const s = record.statistics as Outcomes;
    const residents = populationOf(record);
    const parts: Record<string, Parts | null> = {
      upheld: { part: s.upheld, whole: s.investigations },
      compliance: { part: s.compliance.complied, whole: s.compliance.outcomes },
      remedies: { part: s.satisfactory_remedies, whole: s.upheld },
      // Only authorities with residents count: a population of 0 or none adds neither its upheld decisions nor residents.
      upheld_per_100000: residents ? { part: s.upheld, whole: residents } : null,
    };
    return parts;
  },
};
