import type { Average, Parts, StatisticsShape } from '../shapes/shape.js';
import type { AuthorityRecord, TypeAverages } from '../validate/schema.js';
import { COUNCIL_TYPES, type CouncilType } from '../validate/values.js';
import { PERCENT, scaledRate, type Scale } from './figures.js';

/**
 * Averages of similar authorities computed from a year's data files, pooled
 * across each council type: for each figure of the year's statistics shape,
 * the type's counts are added up first (total upheld over total
 * investigations, total upheld over total residents…), then given as the
 * letter gives one authority's (figures.ts), with the same rounding, so a
 * type with one authority averages exactly that authority's figures.
 */

/** One pooled rate: part over whole, and how many authorities add to the whole. */
export interface PooledRate {
  part: number;
  whole: number;
  /** Authorities whose count in `whole` is above 0: those the figure rests on. */
  authorities: number;
  /** On the figure's scale (a whole percent, or per 100,000 to one place); null when `whole` is 0 or no authority gives the figure. */
  rate: number | null;
}

export interface TypeFigures {
  type: CouncilType;
  /** Authorities of the type with statistics (those pooled). */
  withStatistics: number;
  /** Authorities of the type without statistics: left out of every figure. */
  withoutStatistics: number;
  /** By the shape's pooled figure names, in its order. */
  rates: Record<string, PooledRate>;
}

/** Pooled averages for each of the five council types, in their usual order; other bodies are not counted. */
export function averagesFromRecords(records: readonly AuthorityRecord[], shape: StatisticsShape): TypeFigures[] {
  return COUNCIL_TYPES.map((type) => {
    const ofType = records.filter((record) => record.authority.type === type);
    const parts = ofType.flatMap((record) => (record.statistics ? [shape.parts({ authority: record.authority, statistics: record.statistics })] : []));
    const rates = Object.fromEntries(shape.pooled.map((figure) => [figure.name, pool(parts.map((p) => p[figure.name] ?? null), figure.scale)]));
    return { type, withStatistics: parts.length, withoutStatistics: ofType.length - parts.length, rates };
  });
}

function pool(parts: (Parts | null)[], scale: Scale): PooledRate {
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
  return { part, whole, authorities, rate: figure ? scaledRate(part, whole, scale) : null };
}

/**
 * The averages a letter compares with: a type is given only when each of
 * the shape's figures can be computed, an optional one (per 100,000
 * residents) only with the others and when it can be.
 */
export function letterAverages(figures: readonly TypeFigures[], shape: StatisticsShape): TypeAverages {
  const { pooled } = shape;
  const averages: TypeAverages = {};
  for (const { type, rates } of figures) {
    if (pooled.some((figure) => !figure.optional && rates[figure.name]?.rate == null)) continue;
    const average: Average = {};
    for (const figure of pooled) {
      const rate = rates[figure.name]?.rate;
      if (rate !== null && rate !== undefined) average[figure.name] = rate;
    }
    averages[type] = average;
  }
  return averages;
}

/**
 * Whether a typed figure differs from the exact pooled rate by more than
 * rounding to its scale's last place can explain (half a unit either way).
 * Integer arithmetic, in units of that place (U = typed × 10^decimals):
 * |multiplier·part/whole − U| > ½ ⇔ |2·multiplier·part − 2·U·whole| > whole.
 */
export function differsByMoreThanRounding(typed: number, rate: PooledRate, scale: Scale = PERCENT): boolean {
  if (rate.whole === 0) return false;
  const units = Math.round(typed * 10 ** scale.decimals);
  return Math.abs(2 * scale.multiplier * rate.part - 2 * units * rate.whole) > rate.whole;
}
