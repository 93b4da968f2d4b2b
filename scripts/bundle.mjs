// The second step of `npm run build`, after tsc: dist/cli.js and
// dist/checkThread.js are replaced by bundles of themselves, holding the code
// they import, with what each command imports when it runs (and what both
// share) in chunks beside them (dist/chunk-*.js). A process or thread starting
// from them reads a few files instead of some two hundred modules (the schema
// library alone is over a hundred): `letters preview` starts about 60 ms
// sooner, and so do `letters build` and the thread that checks a PDF build's
// data.
//
// Packages that are not bundled are loaded from node_modules as before: the
// PDF side (pdfmake, PDFKit and fontkit read data files from their own
// folders, and are loaded only where PDFs are made), the worker pool (its
// threads start from files of their own) and the progress bar. The worker
// threads start from dist/batch/ as compiled: their start is off the critical
// path (they load while the data is checked), and a bundle costs each of them
// memory for code it never runs. The bundles and chunks all lie at the top of
// dist/, as the modules they were made from do, so paths found from
// `import.meta.url` stay right (src/threadFiles.ts, src/version.ts).
import { chmodSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const BUNDLED_PACKAGES = ['commander', 'yaml', 'zod', 'handlebars', 'marked', 'diff', 'fastest-levenshtein'];

const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED_PACKAGES.includes(name))
  .flatMap((name) => [name, `${name}/*`]);

const result = await build({
  entryPoints: ['cli.js', 'checkThread.js'].map((file) => join(DIST, file)),
  outdir: DIST,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  write: false,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external,
  // The CommonJS packages bundled (Handlebars) call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);" },
  logLevel: 'warning',
});

// Chunks of an earlier build have other names (their hashes): none is left behind.
for (const name of readdirSync(DIST)) if (/^chunk-\w+\.js$/.test(name)) rmSync(join(DIST, name));
for (const { path, contents } of result.outputFiles) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}
chmodSync(join(DIST, 'cli.js'), 0o755);
