import { join, relative, sep } from 'node:path';
import type { LetterDocument } from '../document/types.js';
import { LettersError, blockingProblems, reviewWarnings, sortProblems, type Problem } from '../errors.js';
import type { DataFile } from '../load/dataFiles.js';
import { loadYear, type Year } from '../load/yearTemplates.js';
import { loadProject } from '../project.js';
import { writeHtml } from '../writers/html.js';
import { writeText } from '../writers/text.js';

export interface LiveOptions {
  dataDir: string;
  templatesDir: string;
}

/** What the preview page is told after each render: JSON, sent as a server-sent event. */
export interface LetterState {
  year: string;
  slug: string;
  /** Bumped by every good render; the page fetches letter.html and letter.pdf of this version. 0: never rendered. */
  version: number;
  /** True when the last render failed and the letter shown is the last good one. */
  stale: boolean;
  problems: Problem[];
  warnings: Problem[];
}

interface GoodRender {
  document: LetterDocument;
  text: string;
  /** Each made when first asked for: the HTML view need not wait for the PDF, nor the terminal for either. */
  html?: string;
  pdf?: Promise<Buffer>;
}

/**
 * One letter kept rendered in the server process: its last good render and
 * the problems of the last attempt. A bad edit replaces the problems and marks
 * the letter stale, never the letter itself, so the page keeps showing it.
 */
export class LiveLetter {
  private good?: GoodRender;
  private state: LetterState;
  private running?: Promise<void>;
  private again = false;
  private readonly listeners = new Set<(state: LetterState) => void>();
  /** The year's templates, compiled once and kept until a file of them changes: a save of the data file renders just that file. */
  private year?: Promise<Year>;

  constructor(
    readonly file: DataFile,
    private readonly options: LiveOptions,
  ) {
    this.state = { year: file.year, slug: file.slug, version: 0, stale: false, problems: [], warnings: [] };
  }

  get current(): LetterState {
    return this.state;
  }

  get text(): string | undefined {
    return this.good?.text;
  }

  html(): string | undefined {
    if (!this.good) return undefined;
    const good = this.good;
    good.html ??= writeHtml(good.document);
    return good.html;
  }

  pdf(): Promise<Buffer> | undefined {
    if (!this.good) return undefined;
    const good = this.good;
    good.pdf ??= import('../writers/pdf/index.js').then(({ writePdf }) => writePdf(good.document));
    return good.pdf;
  }

  /** Calls `listener` with the state after every render; returns the function that stops it. */
  subscribe(listener: (state: LetterState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Renders again, after a save of `changed` (when given): saves arriving
   * during a render are rendered once more after it, never in parallel.
   */
  refresh(changed?: string): Promise<void> {
    if (changed !== undefined && changed !== this.file.file) this.year = undefined;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.renderOnce();
      } while (this.again);
      this.running = undefined;
    })();
    return this.running;
  }

  /** True when a change to `path` can change this letter: its data file, its year's templates, the shared partials. */
  dependsOn(path: string): boolean {
    if (path === this.file.file) return true;
    const inTemplates = relative(this.options.templatesDir, path).split(sep);
    return inTemplates[0] === this.file.year || inTemplates[0] === 'partials';
  }

  /** The folders of templates this letter is made from (its data file aside). */
  inputFolders(): string[] {
    return [join(this.options.templatesDir, this.file.year), join(this.options.templatesDir, 'partials')];
  }

  /** The year's templates as kept, loaded when none are (a load that fails is not kept). */
  private keptYear(templatesDir: string, year: string): Promise<Year> {
    if (!this.year) {
      const loading: Promise<Year> = loadYear(templatesDir, year).catch((error: unknown) => {
        if (this.year === loading) this.year = undefined;
        throw error;
      });
      this.year = loading;
    }
    return this.year;
  }

  private async renderOnce(): Promise<void> {
    const { state } = this;
    try {
      const documents: LetterDocument[] = [];
      const project = await loadProject({
        dataDir: this.options.dataDir,
        templatesDir: this.options.templatesDir,
        year: this.file.year,
        only: (file) => file.file === this.file.file,
        loadYear: (templatesDir, year) => this.keptYear(templatesDir, year),
        rendered: (_letter, document) => documents.push(document),
      });
      const letter = project.letters[0];
      const document = documents[0];
      // A year marked for review is edited with the live preview: its marks show as warnings, not as what stops the letter.
      const blocking = blockingProblems(project.problems, true);
      if (blocking.length > 0 || !letter || !document) {
        const problems = blocking.length > 0 ? blocking : [{ severity: 'error' as const, file: this.file.file, message: 'this data file no longer exists' }];
        this.state = { ...state, stale: state.version > 0, problems: sortProblems(problems) };
      } else {
        this.good = { document, text: writeText(document) };
        this.state = { ...state, version: state.version + 1, stale: false, problems: [], warnings: sortProblems([...reviewWarnings(project.problems), ...letter.warnings]) };
      }
    } catch (error) {
      // A bad edit can surface as an error thrown before any letter is checked (a year file that is gone, say);
      // whatever it is, the server shows it and goes on.
      const problems =
        error instanceof LettersError && error.problems.length > 0
          ? error.problems
          : [{ severity: 'error' as const, message: error instanceof Error ? error.message : String(error) }];
      this.state = { ...state, stale: state.version > 0, problems };
    }
    for (const listener of this.listeners) listener(this.state);
  }
}
