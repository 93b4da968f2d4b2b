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
  return [`# yaml-language-server: $schema=../../schema/${year}.json`, body.trimEnd(), figuresToFill(year).trimEnd(), ''].join('\n');
}

/** The lines of a carried-over file that ask for the year's figures. */
function figuresToFill(year: string): string {
  return `# The ${year} figures: fill them in, or remove \`statistics\` if the letter has no statistics page.\nstatistics: {}\n`;
}

/**
 * A carried-over file's text without the lines that ask for the figures,
 * for the figures to be written in as in any other file; undefined when the
 * text has no such lines.
 */
export function withoutFiguresToFill(source: string, year: string): string | undefined {
  const lines = figuresToFill(year);
  return source.includes(lines) ? source.replace(lines, '') : undefined;
}
