import type { z } from 'zod';
import type { Scale } from '../compute/figures.js';

/**
 * What a statistics shape is: everything about one way of giving a year's
 * statistics (the 2018 tables, the outcomes of 2020 on). A year names its
 * shape in year.yaml (`data.statistics`); the rest of the project asks the
 * shape, through the registry (index.ts), and never asks which one it is.
 */
export interface StatisticsShape {
  /** The name year.yaml gives: `data.statistics: outcomes`. */
  name: string;
  /** The data file's `statistics` part. */
  statistics: z.ZodObject;
  /** Fields the shape adds to the data file's `authority` part (they may be used by nothing else). */
  authorityFields: Record<string, z.ZodType>;
  /** One council type's averages as year.yaml may type them. */
  typedAverage: z.ZodObject;
  /** The rules that tie the shape's fields together, each given the fields it reads that are valid. */
  rules(rules: Rules): void;
  /** The letter model's `statistics`: every figure the template may print, each key always present. */
  figures(record: StatisticsRecord, average: Average | null): Record<string, unknown>;
  /** Whether its letters compare with averages of similar authorities (a council without them is warned about). */
  comparesWithAverages: boolean;
  /** The averages pooled from a year's data files, in the order `letters averages` shows them. */
  pooled: readonly PooledFigure[];
  /** One authority's counts for each pooled figure; null where it gives none (that figure is not pooled for it). */
  parts(record: StatisticsRecord): Record<string, Parts | null>;
}

/** One council type's averages: pooled figure name → rate (a whole percent, or per 100,000 to one place). */
export type Average = Record<string, number>;

/** What a shape reads of a data file: its authority (with the shape's own fields) and its statistics. */
export interface StatisticsRecord {
  authority: { [field: string]: unknown };
  statistics: Record<string, unknown>;
}

export interface PooledFigure {
  name: string;
  /** How it is worked out and rounded from its pooled counts. */
  scale: Scale;
  /**
   * A letter may compare without it: a type's averages are given when every
   * other figure can be computed, with this one when it can be too.
   */
  optional?: boolean;
}

/** The counts of one rate: part over whole. */
export interface Parts {
  part: number;
  whole: number;
}

/** The checks a shape's rules are made of, each placing its problem at the field. */
export interface Rules {
  /** The count at `path`, when the file gives it and it is valid. */
  count(path: string[]): number | undefined;
  /** `path` is at most `limitPath` (`name` says what that is in the message). */
  notMore(path: string[], name: string, limitPath: string[]): void;
  /** A rate given at `path` equals `compute(part, other)` (`formula` names it in the message). */
  rate(path: string[], part: string[], other: string[], compute: (part: number, other: number) => number | null, formula: string): void;
}
