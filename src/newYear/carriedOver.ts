import { stringify } from 'yaml';
import type { AuthorityRecord } from '../validate/schema.js';

/**
 * A new year's data file for an authority of last year: its name, type and
 * recipient carried over, no notes, and `statistics: {}` standing for the
 * figures still to fill in (`letters validate` lists each such file). The
 * authority `figures` named (the population) are left out: they are the new
 * year's to give.
 */
export function carriedOverDataFile(record: AuthorityRecord, year: string, figures: readonly string[]): string {
  const authority = Object.fromEntries(Object.entries(record.authority).filter(([field]) => !figures.includes(field)));
  const body = stringify({ authority, recipient: record.recipient }, { lineWidth: 0 });
  return [
    `# yaml-language-server: $schema=../../schema/${year}.json`,
    body.trimEnd(),
    `# The ${year} figures: fill them in, or remove \`statistics\` if the letter has no statistics page.`,
    'statistics: {}',
    '',
  ].join('\n');
}
