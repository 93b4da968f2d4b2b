import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchemaFiles } from '../../src/validate/jsonSchema.js';
import { ROOT } from './support.js';

const schemaDir = join(ROOT, 'schema');
const dataFiles = readdirSync(join(ROOT, 'data')).flatMap((year) => readdirSync(join(ROOT, 'data', year)).map((name) => join(ROOT, 'data', year, name)));

/** The committed JSON Schema of a year, as a zod schema, to check values against it. */
function editorSchema(year: string): z.ZodType {
  return z.fromJSONSchema(JSON.parse(readFileSync(join(schemaDir, `${year}.json`), 'utf8')));
}

describe('the JSON Schemas under schema/', () => {
  it('are up to date with the validator (run `npm run schema` if not)', async () => {
    const generated = await jsonSchemaFiles(join(ROOT, 'templates'));
    const committed = new Map(readdirSync(schemaDir).filter((name) => /^\d{4}\.json$/.test(name)).map((name) => [name, readFileSync(join(schemaDir, name), 'utf8')]));
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect(committed.get(name), name).toBe(text);
  });

  it.each(dataFiles)('are named by the first line of %s, and that file passes', (file) => {
    const text = readFileSync(file, 'utf8');
    const year = /data\/(\d{4})\//.exec(file)![1]!;
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=../../schema/${year}.json`);
    expect(existsSync(resolve(dirname(file), `../../schema/${year}.json`))).toBe(true);
    expect(editorSchema(year).safeParse(parse(text)).error).toBeUndefined();
  });

  it('flag in the editor the mistakes of shape the validator reports', () => {
    const good = parse(readFileSync(join(ROOT, 'data/2020/knowsley-metropolitan-borough-council.yaml'), 'utf8'));
    const schema = editorSchema('2020');
    const bad = [
      { ...good, trainng: good.training },
      { ...good, authority: { ...good.authority, type: 'metropolitan' } },
      { ...good, recipient: { ...good.recipient, role: undefined } },
      { ...good, recipient: { ...good.recipient, surname: 'Har\nden' } },
      { ...good, recipient: { ...good.recipient, surname: 'Har\u200bden' } },
      { ...good, statistics: { ...good.statistics, upheld: 'nine' } },
      { ...good, statistics: { ...good.statistics, upheld: 9.5 } },
      { ...good, statistics: { ...good.statistics, upheld: -1 } },
      { ...good, statistics: { ...good.statistics, upheld_rate: 101 } },
      { ...good, delay: { proportion: 'half', incomplete: 'yes' } },
    ];
    for (const value of bad) expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });
});
