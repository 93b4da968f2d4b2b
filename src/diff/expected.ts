import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LettersError } from '../errors.js';
import { parseYamlSource } from '../load/yamlFile.js';
import type { Hunk } from './compare.js';
import { normaliseWords, type Word } from './normalise.js';

/**
 * Known extraction damage in a published letter, listed beside it in
 * `<letter>.expected.yaml`. Each entry names the published words as they were
 * extracted, the words the letter really had there (which we must render),
 * and why the two differ. Wording the template gets wrong never goes here.
 */
const entrySchema = z.strictObject({
  published: z.string().default(''),
  rendered: z.string().default(''),
  reason: z.string().min(1),
});
export type ExpectedDifference = z.infer<typeof entrySchema>;

export async function readExpectedDifferences(file: string): Promise<ExpectedDifference[]> {
  const source = await readFile(file, 'utf8').catch(() => undefined);
  if (source === undefined) return [];
  const yaml = parseYamlSource(file, source);
  const parsed = z.array(entrySchema).safeParse(yaml.value ?? []);
  if (yaml.problems.length > 0 || !parsed.success) {
    throw new LettersError(`${file}: expected a list of { published, rendered, reason } entries`, yaml.problems);
  }
  return parsed.data;
}

export interface Repaired {
  /** The published words with each listed damage replaced by the words meant. */
  words: Word[];
  used: Set<ExpectedDifference>;
}

/**
 * Replaces each listed stretch of damaged published words by the words the
 * letter really had, before comparing. Entries with no published words (text
 * that extraction lost entirely) are matched against hunks afterwards.
 */
export function repairPublished(published: Word[], expected: ExpectedDifference[]): Repaired {
  let words = published;
  const used = new Set<ExpectedDifference>();
  for (const entry of expected) {
    const damaged = normaliseWords(entry.published).map((w) => w.text);
    if (damaged.length === 0) continue;
    const at = indexOfRun(words, damaged);
    if (at < 0) continue;
    const line = words[at]!.line;
    const meant = normaliseWords(entry.rendered).map((w) => ({ text: w.text, line }));
    words = [...words.slice(0, at), ...meant, ...words.slice(at + damaged.length)];
    used.add(entry);
  }
  return { words, used };
}

/** Hunks left after repair that are lost text listed with no published words. */
export function explainLostText(hunks: Hunk[], expected: ExpectedDifference[], used: Set<ExpectedDifference>): Hunk[] {
  return hunks.filter((hunk) => {
    if (hunk.published.length > 0) return true;
    const rendered = hunk.rendered.map((w) => w.text).join(' ');
    const entry = expected.find((e) => normaliseWords(e.published).length === 0 && normaliseWords(e.rendered).map((w) => w.text).join(' ') === rendered);
    if (entry) used.add(entry);
    return !entry;
  });
}

function indexOfRun(words: Word[], run: string[]): number {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j]!.text !== run[j]) continue outer;
    return i;
  }
  return -1;
}
