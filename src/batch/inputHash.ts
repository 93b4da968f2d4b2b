import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * Input hashes: a letter is remade when any of the bytes it is made from
 * change. Each part is hashed with its length and a name, so no two
 * different sets of inputs can run together into the same stream of bytes.
 */

/**
 * sha256 over files, each under a name that does not depend on where the
 * project lies (so moving or cloning it rebuilds nothing), in the order given.
 */
export async function hashFiles(files: { name: string; path: string }[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) addPart(hash, file.name, await readFile(file.path));
  return hash.digest('hex');
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface LetterInputs {
  /** The tool's version: a new release may word or lay out a letter differently. */
  tool: string;
  /** `hashFiles` of the year's template, partials and year.yaml. */
  year: string;
  /** `hashFiles` of what the writers read besides the letter (the PDF fonts). */
  writers: string;
  /** `hashBytes` of the data file. */
  data: string;
  /** A draft (`build --draft`): made from the same files, but not the same letter. */
  draft?: boolean;
}

export function letterInputHash(inputs: LetterInputs): string {
  const hash = createHash('sha256');
  addPart(hash, 'tool', Buffer.from(inputs.tool));
  addPart(hash, 'year', Buffer.from(inputs.year));
  addPart(hash, 'writers', Buffer.from(inputs.writers));
  addPart(hash, 'data', Buffer.from(inputs.data));
  // Only drafts add a part, so the hash of a final letter is what it always was.
  if (inputs.draft) addPart(hash, 'draft', Buffer.from('draft'));
  return hash.digest('hex');
}

function addPart(hash: ReturnType<typeof createHash>, name: string, bytes: Uint8Array): void {
  hash.update(`${name}\0${bytes.byteLength}\0`);
  hash.update(bytes);
}
