// The second step of `npm run build`, after tsc: the three files that
// processes and threads start from (dist/cli.js, dist/checkThread.js and
// dist/batch/worker.js) are replaced by bundles of themselves, holding the
// code they import, with what each command imports when it runs (and what
// they share) in chunks at the top of dist/ (dist/chunk-*.js). Starting reads
// a few files instead of some two hundred modules (the schema library alone is
// over a hundred), so `letters preview`, a text build and a PDF build start
// sooner (a PDF build's worker threads and checking thread start at once).
//
// The spreadsheet packages (exceljs, csv-parse, csv-stringify) are bundled
// into chunks of their own, loaded only by `letters import` and `letters export`:
// loading exceljs from node_modules compiles some 660 CommonJS modules.
//
// Packages that are not bundled are loaded from node_modules as before: the
// PDF side (pdfmake, PDFKit and fontkit read data files from their own
// folders), the worker pool (piscina starts its threads from a file of its
// own) and the progress bar. The chunks lie at the top of dist/, as do the
// modules that find files from `import.meta.url` (src/threadFiles.ts,
// src/version.ts), so those paths are the same as compiled; a bundle in a
// folder below that must have no such paths, and the build fails if it does.
import { chmodSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const BUNDLED_PACKAGES = ['commander', 'yaml', 'zod', 'handlebars', 'marked', 'diff', 'fastest-levenshtein', 'exceljs', 'csv-parse', 'csv-stringify'];

const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !BUNDLED_PACKAGES.includes(name))
  .flatMap((name) => [name, `${name}/*`]);

// The CommonJS packages bundled (Handlebars) call require(); an ES module has none of its own.
const BANNER = "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);";

const result = await build({
  entryPoints: ['cli.js', 'checkThread.js', 'batch/worker.js'].map((file) => join(DIST, file)),
  // Each bundle replaces the file it was made from.
  outbase: DIST,
  outdir: DIST,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  write: false,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external,
  banner: { js: BANNER },
  logLevel: 'warning',
});

for (const { path, text } of result.outputFiles) {
  const own = text.replace(BANNER, '');
  if (resolve(path, '..') !== DIST && own.includes('import.meta.url')) {
    throw new Error(`${path} finds a file from import.meta.url below the top of dist/: move that code into a module at the top of src/`);
  }
}

// Chunks of an earlier build have other names (their hashes): none is left behind.
for (const name of readdirSync(DIST)) if (/^chunk-\w+\.js$/.test(name)) rmSync(join(DIST, name));
for (const { path, contents } of result.outputFiles) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}
chmodSync(join(DIST, 'cli.js'), 0o755);
