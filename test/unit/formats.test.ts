import { describe, expect, it } from 'vitest';
import { parseFormats } from '../../src/commands/build.js';
import { UsageError } from '../../src/errors.js';

describe('build --format', () => {
  it('takes one format, several joined by commas (in the registry order), or all of them', () => {
    expect(parseFormats('html')).toEqual(['html']);
    expect(parseFormats('pdf,text')).toEqual(['text', 'pdf']);
    expect(parseFormats('html,text,html')).toEqual(['text', 'html']);
    expect(parseFormats('all')).toEqual(['text', 'pdf', 'html']);
  });

  it('refuses a name it does not know, even among known ones, as wrong usage', () => {
    for (const wrong of ['docx', 'text,docx', 'text,', 'TEXT', '']) {
      expect(() => parseFormats(wrong)).toThrow(new UsageError(`--format must be one of: text, pdf, html, all, or several joined by commas (got "${wrong}")`));
    }
  });
});
