import { join } from 'node:path';
import { EXIT_FAILURE, EXIT_OK, blockingProblems, formatProblem, LettersError } from '../errors.js';
import { yearDir } from '../batch/outputPath.js';
import { markDraft } from '../document/draft.js';
import type { LetterDocument } from '../document/types.js';
import { yearsWithTemplates } from '../load/yearTemplates.js';
import { readyLetters } from '../outgoing/readyLetters.js';
import { lockYear } from '../output/yearLock.js';
import { loadProject, type Project } from '../project.js';
import { siteFiles, type SiteLetter } from '../publish/siteFiles.js';
import { INDEX_PAGE } from '../publish/sitePaths.js';
import { writeSite } from '../publish/writeSite.js';
import { yearAuthorities } from '../publish/yearFigures.js';
import { exportYear } from '../sheet/exportSheet.js';
import { WRITERS } from '../writers/index.js';
import type { InputOptions } from './options.js';
import { reportProblems } from './report.js';

export interface PublishOptions extends InputOptions {
  year: string;
  out: string;
  site?: string;
  draft?: boolean;
}

/**
 * `letters publish`: the year's letters and figures as a static site, in
 * <out>/<year>/site/ (or --site). Only letters that may leave the building
 * are published (the checks of `letters send`: built, up to date, a year
 * without problems or review marks), their files as built; with --draft,
 * the letters as they are now, made afresh and every page marked as a draft.
 */
export async function publishCommand(options: PublishOptions): Promise<number> {
  await yearsWithTemplates(options.templates, options.year);
  // A build of the same year must not change the letters while they are copied.
  const lock = await lockYear('output', yearDir(options.out, options.year));
  try {
    return await publishLocked(options);
  } finally {
    await lock.release();
  }
}

async function publishLocked(options: PublishOptions): Promise<number> {
  const documents = new Map<string, LetterDocument>();
  const project = await loadProject({
    dataDir: options.data,
    templatesDir: options.templates,
    year: options.year,
    rendered: options.draft ? (letter, document) => documents.set(letter.slug, document) : undefined,
  });
  const year = project.years.get(options.year);
  const letters = options.draft ? await draftLetters(project, options, documents) : await builtLetters(project, options);
  if (!letters) return EXIT_FAILURE;
  if (!year) throw new LettersError(`nothing published: ${join(options.data, options.year)} has no data files`);
  const authorities = yearAuthorities(project.letters, year);
  const sheet = await exportYear({ year: options.year, dataDir: options.data, templatesDir: options.templates });
  const site = options.site ?? join(options.out, options.year, 'site');
  await writeSite(site, await siteFiles({ year, authorities, letters, sheet, draft: options.draft === true }));
  const count = authorities.length === 1 ? '1 letter' : `${authorities.length} letters`;
  process.stdout.write(`published ${count} of ${options.year}${options.draft ? ' as drafts' : ''}: ${join(site, INDEX_PAGE)}\n`);
  return EXIT_OK;
}

/** The built HTML and PDF of every letter, when every one is ready; otherwise each that is not and why, and undefined. */
async function builtLetters(project: Project, options: PublishOptions): Promise<Map<string, SiteLetter> | undefined> {
  const check = await readyLetters(project, options.year, options.out, { formats: ['html', 'pdf'] });
  for (const problem of check.yearProblems) process.stderr.write(`${formatProblem(problem)}\n`);
  const notReady = check.letters.filter((letter) => !letter.ready);
  if (notReady.length > 0 || check.yearProblems.length > 0) {
    for (const letter of notReady) if (!letter.ready) process.stderr.write(`${letter.file}  not published: ${letter.reason}\n`);
    const letters = notReady.length === 1 ? '1 letter is' : `${notReady.length} letters are`;
    process.stderr.write(`nothing published: ${letters} not ready${check.yearProblems.length > 0 ? ` and the year ${options.year} has problems` : ''} (\`letters publish --draft\` publishes the letters as they are now, marked as drafts)\n`);
    return undefined;
  }
  const letters = new Map<string, SiteLetter>();
  for (const letter of check.letters) if (letter.ready) letters.set(letter.slug, { html: letter.files.get('html')!.bytes, pdf: letter.files.get('pdf')!.bytes });
  return letters;
}

/** Every letter made now from the data and templates as they are, marked as a draft; undefined (after saying why) when a data file or the year has errors. */
async function draftLetters(project: Project, options: PublishOptions, documents: Map<string, LetterDocument>): Promise<Map<string, SiteLetter> | undefined> {
  const blocking = blockingProblems(project.problems, true);
  if (blocking.some((problem) => problem.severity === 'error')) {
    reportProblems(blocking);
    process.stderr.write(`nothing published: the ${options.year} data or templates have problems (\`letters validate --year ${options.year}\`)\n`);
    return undefined;
  }
  const letters = new Map<string, SiteLetter>();
  for (const letter of project.letters.filter((each) => each.year === options.year)) {
    const document = markDraft(documents.get(letter.slug)!);
    const html = await WRITERS.html.write(document);
    const pdf = await WRITERS.pdf.write(document);
    letters.set(letter.slug, { html: Buffer.from(html), pdf: typeof pdf === 'string' ? Buffer.from(pdf) : pdf });
  }
  return letters;
}
