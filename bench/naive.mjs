// The baseline `letters build` is measured against: the same letters made the
// way a first-time pdfmake user would, in one thread, with pdfmake's documented
// server API and the font files' paths, so every PDF gets a new PdfPrinter that
// reads and parses the fonts from disk. Validation, rendering, the document
// definitions and the fonts are the build's own; only the printing differs.
// None of the PDF writer's shortcuts is loaded: fontkit lays out words and
// encodes subsets itself, pdfmake looks up styles itself. With --plain-markup
// the markup is also lexed by marked's own lexer, in one piece: the PDFs made
// with no shortcut at all, that the tests compare the build's with
// (scripts/letterPdfs.mjs, test/differential/pdfs.test.ts).
// The tagging of what pdfmake draws is part of the PDF writer, not a shortcut:
// it is installed here too. When BENCH_PDF_STATS names a file, the CPU time
// spent printing (createPdf to the PDF's bytes) is written to it, as
// bench/peer.mjs does.
//
//   node bench/naive.mjs <project folder> <output folder> [--plain-markup]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseMarkupWhole } from '../dist/markup/parse.js';
import { loadProject } from '../dist/project.js';
import { renderLetter } from '../dist/render.js';
import { documentDefinition } from '../dist/writers/pdf/documentDefinition.js';
import { fontFiles } from '../dist/writers/pdf/fonts.js';
import { installTagging } from '../dist/writers/pdf/tagging.js';
import { FONT_FAMILY } from '../dist/writers/pdf/styles.js';
import { writeText } from '../dist/writers/text.js';

const [projectDir, outDir, option] = process.argv.slice(2);
const parse = option === '--plain-markup' ? parseMarkupWhole : undefined;
const pdfmake = createRequire(import.meta.url)('pdfmake');
installTagging();
const [normal, bold, italics, bolditalics] = fontFiles();
pdfmake.setFonts({ [FONT_FAMILY]: { normal, bold, italics, bolditalics } });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => fontFiles().includes(path));

const project = await loadProject({ dataDir: join(projectDir, 'data'), templatesDir: join(projectDir, 'templates') });
let pdfCpuMicroseconds = 0;
for (const letter of project.letters) {
  const { document } = renderLetter(letter, project.years.get(letter.year), parse);
  const started = process.cpuUsage();
  const pdf = await pdfmake.createPdf(documentDefinition(document)).getBuffer();
  const spent = process.cpuUsage(started);
  pdfCpuMicroseconds += spent.user + spent.system;
  mkdirSync(join(outDir, letter.year), { recursive: true });
  writeFileSync(join(outDir, letter.year, `${letter.slug}.txt`), writeText(document));
  writeFileSync(join(outDir, letter.year, `${letter.slug}.pdf`), pdf);
}
if (process.env.BENCH_PDF_STATS) writeFileSync(process.env.BENCH_PDF_STATS, JSON.stringify({ letters: project.letters.length, pdfCpuMs: Math.round(pdfCpuMicroseconds / 1000) }));
