import { z } from 'zod';
import { INVISIBLE_RANGES } from './visible.js';

/**
 * The kinds of value data files and year files are made of, shared by the
 * file schemas (schema.ts) and the statistics shapes (src/shapes/) that add
 * their own parts to them.
 */

/** Types for which the Ombudsman computes averages of similar authorities. */
export const COUNCIL_TYPES = ['county', 'district', 'metropolitan-borough', 'unitary', 'london-borough'] as const;
export type CouncilType = (typeof COUNCIL_TYPES)[number];
export const AUTHORITY_TYPES = [
  ...COUNCIL_TYPES,
  'combined-authority',
  'fire-authority',
  'national-park',
  'other',
] as const;
export type AuthorityType = (typeof AUTHORITY_TYPES)[number];

export function isCouncilType(type: string): type is CouncilType {
  return (COUNCIL_TYPES as readonly string[]).includes(type);
}

export const count = z.number().int().min(0);
export const percentage = z.number().int().min(0).max(100);
// One line, nothing invisible: a value can never add a line break, a direction override or a hidden character to a letter.
export const text = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .regex(new RegExp(`^[^${INVISIBLE_RANGES}]*$`), 'must be one line of plain text (no line breaks, tabs, control or invisible characters)');
