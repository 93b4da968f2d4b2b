import { outcomes } from './outcomes.js';
import type { StatisticsShape } from './shape.js';
import { tables } from './tables.js';

/**
 * Every statistics shape, by the name year.yaml's `data.statistics` gives.
 * A new shape is one module and one line here.
 */
export const SHAPES: Readonly<Record<string, StatisticsShape>> = { outcomes, tables };

export const SHAPE_NAMES = Object.keys(SHAPES) as [string, ...string[]];

/** The shape a (valid) year declares. */
export function shapeOf(data: { statistics: string }): StatisticsShape {
  const shape = SHAPES[data.statistics];
  // year.yaml is checked against SHAPE_NAMES before any year is used.
  if (!shape) throw new Error(`no statistics shape ${data.statistics}`);
  return shape;
}

export type { StatisticsShape } from './shape.js';
