import { stringify } from 'yaml';
import type { AuthorityRecord } from '../validate/schema.js';

/**
 * A new year's data file for an authority of last year: its name, type and
 * recipient carried over, no notes, and `statistics: {}` standing for the
 * figures still to fill in (`letters validate` lists each such file).
 */
export function carriedOverDataFile(record: AuthorityRecord, year: string): string {
  const body = stringify({ authority: record.authority, recipient: record.recipient }, { lineWidth: 0 });
  return [
    `# yaml-language-server: $schema=../../schema/${year}.json`,
    body.trimEnd(),
    `# The ${year} figures: fill them in, or remove \`statistics\` if the letter has no statistics page.`,
    'statistics: {}',
    '',
  ].join('\n');
}
