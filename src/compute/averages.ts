import { COUNCIL_TYPES, type AuthorityRecord, type CouncilType, type Outcomes, type StatisticsFormat, type Tables, type TypeAverages } from '../validate/schema.js';
import { percent } from './figures.js';

/**
 * Averages of similar authorities computed from a year's data files, pooled
 * across each council type: the type's total upheld over its total
 * investigations, total complied over total compliance outcomes, total
 * satisfactory remedies over total upheld. These are the letter's own rates
 * (figures.ts) applied to the type's totals, with the same rounding, so a
 * type with one authority averages exactly that authority's rates.
 */

export type AverageName = 'upheld' | 'compliance' | 'remedies';
export const AVERAGE_NAMES: readonly AverageName[] = ['upheld', 'compliance', 'remedies'];

/** One pooled rate: part over whole, and how many authorities add to the whole. */
export interface PooledRate {
  part: number;
  whole: number;
  /** Authorities whose count in `whole` is above 0: those the figure rests on. */
  authorities: number;
  /** Whole percent, rounded half up; null when `whole` is 0 or the year's statistics have no such figure. */
  rate: number | null;
}

export interface TypeFigures {
  type: CouncilType;
  /** Authorities of the type with statistics (those pooled). */
  withStatistics: number;
  /** Authorities of the type without statistics: left out of every figure. */
  withoutStatistics: number;
  rates: Record<AverageName, PooledRate>;
}

/** The counts each rate is made of, for one authority; null where the year's statistics have no such figure. */
type Parts = Record<AverageName, { part: number; whole: number } | null>;

/** 2020 onwards: the three rates of the statistics page. */
function outcomeParts(s: Outcomes): Parts {
  return {
    upheld: { part: s.upheld, whole: s.investigations },
    compliance: { part: s.compliance.complied, whole: s.compliance.outcomes },
    remedies: { part: s.satisfactory_remedies, whole: s.upheld },
  };
}

/**
 * 2018: the uphold rate of the decisions table (upheld over upheld and not
 * upheld), and the share of upheld cases the authority had remedied before
 * the Ombudsman was involved (what later years call satisfactory remedies).
 * The tables have no compliance figures.
 */
function tableParts(t: Tables): Parts {
  const { upheld, not_upheld } = t.decisions;
  return {
    upheld: { part: upheld, whole: upheld + not_upheld },
    compliance: null,
    remedies: { part: t.remedies.by_authority_before_ombudsman, whole: upheld },
  };
}

/** Pooled averages for each of the five council types, in their usual order; other bodies are not counted. */
export function averagesFromRecords(records: readonly AuthorityRecord[], format: StatisticsFormat): TypeFigures[] {
  return COUNCIL_TYPES.map((type) => {
    const ofType = records.filter((record) => record.authority.type === type);
    const parts = ofType.flatMap((record) => (record.statistics ? [format === 'outcomes' ? outcomeParts(record.statistics as Outcomes) : tableParts(record.statistics as Tables)] : []));
    const rates = Object.fromEntries(AVERAGE_NAMES.map((name) => [name, pool(parts.map((p) => p[name]))])) as Record<AverageName, PooledRate>;
    return { type, withStatistics: parts.length, withoutStatistics: ofType.length - parts.length, rates };
  });
}

function pool(parts: ({ part: number; whole: number } | null)[]): PooledRate {
  let part = 0;
  let whole = 0;
  let authorities = 0;
  let figure = false;
  for (const counts of parts) {
    if (!counts) continue;
    figure = true;
    part += counts.part;
    whole += counts.whole;
    if (counts.whole > 0) authorities += 1;
  }
  return { part, whole, authorities, rate: figure ? percent(part, whole) : null };
}

/** The averages a letter compares with: a type is given only when all three rates can be computed. */
export function letterAverages(figures: readonly TypeFigures[]): TypeAverages {
  const averages: TypeAverages = {};
  for (const { type, rates } of figures) {
    const { upheld, compliance, remedies } = rates;
    if (upheld.rate !== null && compliance.rate !== null && remedies.rate !== null) {
      averages[type] = { upheld: upheld.rate, compliance: compliance.rate, remedies: remedies.rate };
    }
  }
  return averages;
}

/**
 * Whether a typed whole percent differs from the exact pooled rate by more
 * than rounding to a whole percent can explain (half a point either way).
 * Integer arithmetic: |100·part/whole − typed| > ½ ⇔ |200·part − 2·typed·whole| > whole.
 */
export function differsByMoreThanRounding(typed: number, rate: PooledRate): boolean {
  if (rate.whole === 0) return false;
  return Math.abs(200 * rate.part - 2 * typed * rate.whole) > rate.whole;
}
