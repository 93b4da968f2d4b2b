// Makes every letter of a project as a PDF, in one thread, with one of two
// writers of the same document trees: `typst`, the benchmark's peer
// (bench/typstWriter.mjs, one Typst compiler reused), or `ours`, the PDF
// writer from the writer registry, as `letters build` uses it. The project
// is loaded and checked by our own pipeline (loadProject), and each letter's
// document is the one made while checking it, so the two differ only in the
// writer. When BENCH_PDF_STATS names a file, the CPU time spent making PDFs
// (from the first letter's document to the last letter's bytes, files not
// written) is written to it; bench/measure.mjs gives the whole process's.
//
//   node bench/peer.mjs <project folder> <output folder> typst|ours
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject } from '../dist/project.js';
import { WRITERS } from '../dist/writers/index.js';
import { createTypstPrinter } from './typstWriter.mjs';

const [projectDir, outDir, writerName] = process.argv.slice(2);
const makers = {
  typst: async () => {
    const printer = createTypstPrinter();
    return async (document) => printer.print(document);
  },
  ours: async () => {
    await WRITERS.pdf.prepare();
    return (document) => WRITERS.pdf.write(document);
  },
};
if (!(writerName in makers)) throw new Error(`usage: node bench/peer.mjs <project folder> <output folder> ${Object.keys(makers).join('|')}`);

const checked = [];
const project = await loadProject({
  dataDir: join(projectDir, 'data'),
  templatesDir: join(projectDir, 'templates'),
  rendered: (letter, document) => checked.push({ letter, document }),
});
if (project.problems.some((problem) => problem.severity === 'error')) throw new Error(`${projectDir} has problems: ${JSON.stringify(project.problems.slice(0, 3))}`);

const makePdf = await makers[writerName]();
let pdfCpuMicroseconds = 0;
for (const { letter, document } of checked) {
  const started = process.cpuUsage();
  const pdf = await makePdf(document);
  const spent = process.cpuUsage(started);
  pdfCpuMicroseconds += spent.user + spent.system;
  mkdirSync(join(outDir, letter.year), { recursive: true });
  writeFileSync(join(outDir, letter.year, `${letter.slug}.pdf`), pdf);
}
if (process.env.BENCH_PDF_STATS) writeFileSync(process.env.BENCH_PDF_STATS, JSON.stringify({ letters: checked.length, pdfCpuMs: Math.round(pdfCpuMicroseconds / 1000) }));
