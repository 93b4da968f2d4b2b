// Records the sha256 of each shipped letter's PDF in test/fixtures/pdf-hashes.json,
// which test/differential/pdfs.test.ts holds the PDFs to. Run it (`npm run pdf-hashes`)
// only when a change of bytes is intended, and commit the file with the reason.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { letterPdfs, sha256 } from './letterPdfs.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const HASHES_FILE = join(ROOT, 'test/fixtures/pdf-hashes.json');

const pdfs = await letterPdfs(ROOT, { shortcuts: true });
const hashes = Object.fromEntries([...pdfs].map(([name, bytes]) => [name, sha256(bytes)]));
writeFileSync(HASHES_FILE, `${JSON.stringify(hashes, null, 2)}\n`);
console.log(`${pdfs.size} PDF hashes written to test/fixtures/pdf-hashes.json`);
