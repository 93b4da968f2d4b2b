import { watchInterrupts } from '../batch/interrupts.js';
import { formatProblem, LettersError, UsageError } from '../errors.js';
import { findDataFiles, type DataFile } from '../load/dataFiles.js';
import { loadProject } from '../project.js';
import { LiveLetter, type LetterState } from '../serve/liveLetter.js';
import { startPreviewServer } from '../serve/server.js';
import { watchInputs } from '../serve/watchInputs.js';
import { findLetter } from './findLetter.js';
import { slugMatch, type PreviewOptions } from './preview.js';
import { warningLines } from './report.js';

export const DEFAULT_PORT = 4173;

/** `letters preview <authority> --serve | --watch`: runs until Ctrl-C, rendering again on every save. */
export async function previewLive(query: string, options: PreviewOptions): Promise<number> {
  if (options.serve && options.watch) throw new UsageError('--serve and --watch cannot be used together (the page is live already)');
  const mode = options.serve ? '--serve' : '--watch';
  if (options.pdf !== undefined && options.pdf !== false) throw new UsageError(`--pdf cannot be used with ${mode} (${options.serve ? 'the page shows the PDF' : '--watch prints text'})`);
  if (options.format !== undefined) throw new UsageError(`--format cannot be used with ${mode}`);
  const file = await liveFile(query, options);
  const live = { dataDir: options.data, templatesDir: options.templates };
  // 130 for Ctrl-C, 143 for SIGTERM, as `letters build` gives; a second signal ends the process at once.
  const stopped = new Promise<number>((resolve) => {
    const interrupts = watchInterrupts(() => resolve(interrupts.exitCode!));
  });

  if (options.serve) {
    const server = await startPreviewServer(file, { ...live, port: options.port ?? DEFAULT_PORT, outDir: options.out }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      throw new LettersError(`port ${options.port ?? DEFAULT_PORT} is in use: choose another with --port (0 takes any free port)`);
    });
    const watcher = await watchInputs([options.data, options.templates], (path) => void server.changed(path));
    process.stdout.write(`Previewing ${file.file} at ${server.url} (Ctrl-C stops)\n`);
    const code = await stopped;
    await watcher.close();
    await server.close();
    return code;
  } else {
    const letter = new LiveLetter(file, live);
    letter.subscribe((state) => printLetter(letter, state));
    // Watching starts before the first letter is printed, so a save made as soon as it shows is never missed.
    const paths = [file.file, ...letter.inputFolders()];
    const watcher = await watchInputs(paths, (path) => void (letter.dependsOn(path) && letter.refresh(path)));
    await letter.refresh();
    const code = await stopped;
    await watcher.close();
    return code;
  }
}

/** The text letter, or on a bad save its problems; a terminal is cleared first so the screen holds one letter. */
function printLetter(letter: LiveLetter, state: LetterState): void {
  if (process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[3J\x1b[H');
  if (state.problems.length > 0) {
    for (const problem of state.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    process.stderr.write(state.version > 0 ? 'the letter is out of date until these are fixed; waiting for the next save\n' : 'waiting for the next save\n');
    return;
  }
  process.stdout.write(letter.text ?? '');
  for (const line of warningLines(state.warnings)) process.stderr.write(`${line}\n`);
}

/**
 * The data file to keep previewing. A slug (or unique prefix) is enough
 * without reading the file, so a file that is broken at the start can still
 * be watched until it is fixed; a name needs the letters read.
 */
async function liveFile(query: string, options: PreviewOptions): Promise<DataFile> {
  const found = await findDataFiles(options.data);
  const only = slugMatch(found.files, options.year, query.trim().toLowerCase());
  if (only) {
    const matching = found.files.filter((file) => only(file) && (options.year === undefined || file.year === options.year));
    // Several years of one authority: the latest, as `letters preview` takes.
    return matching.sort((a, b) => a.year.localeCompare(b.year)).at(-1)!;
  }
  const project = await loadProject({ dataDir: options.data, templatesDir: options.templates, year: options.year, found });
  return findLetter(project.letters, query);
}
