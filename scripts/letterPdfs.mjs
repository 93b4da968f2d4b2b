// Every letter of a project folder as PDF bytes, made with every shortcut of
// the PDF writer and the markup lexer, with those that keep the bytes, or
// with none. The tests compare the last two byte for byte
// (test/differential/pdfs.test.ts), and
// `npm run pdf-hashes` records the shipped letters' hashes from the first.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * With shortcuts (`true`): `letters build --format pdf`, as a user runs it
 * (worker threads, shared faces, kept word layouts, the subset encoder, the
 * style lookup, lexed parts and runs, a line's alike words as one text
 * object). `'exact'`: the same build with LETTERS_SHORTCUTS=exact, every
 * shortcut but those that change the bytes by design. Without (`false`):
 * bench/naive.mjs --plain-markup, a new pdfmake printer with fonts from disk
 * for every letter and marked's own lexer. Each runs in a process of its
 * own, so none sees another's changes to pdfmake or fontkit. Returns a Map
 * of `<year>/<slug>` to bytes.
 */
export async function letterPdfs(projectDir, { shortcuts }) {
  const out = mkdtempSync(join(tmpdir(), 'letters-pdfs-'));
  try {
    const args = shortcuts
      ? [join(ROOT, 'dist/cli.js'), 'build', '--format', 'pdf', '--force', '--quiet', '--data', join(projectDir, 'data'), '--templates', join(projectDir, 'templates'), '--out', out]
      : [join(ROOT, 'bench/naive.mjs'), projectDir, out, '--plain-markup'];
    const env = { ...process.env };
    delete env.LETTERS_SHORTCUTS;
    if (shortcuts === 'exact') env.LETTERS_SHORTCUTS = 'exact';
    await run(args, env);
    return pdfsIn(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Every PDF in an output folder (`<out>/<year>/<slug>.pdf`), as a Map of `<year>/<slug>` to bytes. */
export function pdfsIn(out) {
  const pdfs = new Map();
  for (const year of readdirSync(out).sort()) {
    for (const name of readdirSync(join(out, year)).filter((file) => file.endsWith('.pdf')).sort()) {
      pdfs.set(`${year}/${name.slice(0, -'.pdf'.length)}`, readFileSync(join(out, year, name)));
    }
  }
  return pdfs;
}

/** The sha256 of a PDF's bytes, as `letters build` records it in its manifest. */
export { hashBytes as sha256 } from '../dist/batch/inputHash.js';

function run(args, env) {
  return new Promise((done, fail) => {
    execFile(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`node ${args.join(' ')} failed (${error.code ?? error.signal}):\n${stderr}${stdout}`));
      else done();
    });
  });
}
