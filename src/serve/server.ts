import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { relative } from 'node:path';
import { findDataFiles, type DataFile } from '../load/dataFiles.js';
import { LiveLetter, type LiveOptions } from './liveLetter.js';
import { PAGE_SCRIPT, PAGE_STYLE, previewPage } from './page.js';
import { publishedFile, publishedIndex, SITE_POLICY, SITE_ROUTE, SITE_TYPES } from './publishedSite.js';

/**
 * The fixed files the page loads. pdf.js is read from its package by module
 * resolution, once; no part of a URL is ever used as a path.
 */
const require = createRequire(import.meta.url);
const packageFile = (name: string): (() => Buffer) => {
  let bytes: Buffer | undefined;
  return () => (bytes ??= readFileSync(require.resolve(name)));
};
const ASSETS: Record<string, { type: string; body: () => string | Buffer }> = {
  '/assets/preview.js': { type: 'text/javascript', body: () => PAGE_SCRIPT },
  '/assets/preview.css': { type: 'text/css', body: () => PAGE_STYLE },
  '/assets/pdf.mjs': { type: 'text/javascript', body: packageFile('pdfjs-dist/build/pdf.min.mjs') },
  '/assets/pdf.worker.mjs': { type: 'text/javascript', body: packageFile('pdfjs-dist/build/pdf.worker.min.mjs') },
};

/** `/letters/<year>/<slug>/<view>`: the year and slug must then name a data file that exists. */
const LETTER_ROUTE = /^\/letters\/(\d{4})\/([a-z0-9]+(?:-[a-z0-9]+)*)\/(|letter\.html|letter\.pdf|events)$/;

const PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data: blob:; worker-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";
/** The HTML letter carries its own inline style and nothing else. */
const LETTER_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

export interface PreviewServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Where the server is listening, as the system says. */
  address: AddressInfo;
  /** The letter the address opens on. */
  start: DataFile;
  /** Every letter kept rendered, by `<year>/<slug>`. */
  letters: Map<string, LiveLetter>;
  /** Re-renders every open letter that `path` can change, and reads the list of data files again. */
  changed(path: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The preview server: 127.0.0.1 only, GET only, a fixed table of routes.
 * Each letter asked for is rendered in this process and kept (fonts, pdfmake
 * and the writers stay loaded), and re-rendered when its inputs change; its
 * page hears of each render as a server-sent event.
 */
export async function startPreviewServer(start: DataFile, options: LiveOptions & { port: number; outDir?: string }): Promise<PreviewServer> {
  const outDir = options.outDir ?? 'out';
  let files = (await findDataFiles(options.dataDir)).files;
  const letters = new Map<string, LiveLetter>();
  const streams = new Set<ServerResponse>();
  const hosts = new Set<string>();

  async function live(year: string, slug: string): Promise<LiveLetter | undefined> {
    const key = `${year}/${slug}`;
    let letter = letters.get(key);
    if (!letter) {
      const file = files.find((f) => f.year === year && f.slug === slug);
      if (!file) return undefined;
      letter = new LiveLetter(file, options);
      letters.set(key, letter);
      await letter.refresh();
    }
    return letter;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'only GET is answered here\n', { Allow: 'GET' });
    // A page elsewhere whose name is made to point here (DNS rebinding) sends its own name: not answered.
    if (!hosts.has(request.headers.host ?? '')) return send(response, 421, 'text/plain', 'this server answers to 127.0.0.1 and localhost only\n');
    // The raw path, neither decoded nor normalised: anything not in the table, `..` and `%2e` included, is not found.
    const [path = '', query = ''] = (request.url ?? '').split('?', 2);
    if (path === '/') return redirect(response, `/letters/${start.year}/${start.slug}/`);
    if (path === '/go') {
      const [year, slug] = (new URLSearchParams(query).get('letter') ?? '').split('/');
      const file = files.find((f) => f.year === year && f.slug === slug);
      return file ? redirect(response, `/letters/${file.year}/${file.slug}/`) : notFound(response);
    }
    const asset = ASSETS[path];
    if (asset) return send(response, 200, asset.type, asset.body(), { 'Cache-Control': 'no-cache' });
    const published = SITE_ROUTE.exec(path);
    if (published) {
      const [, year, file, extension] = published as unknown as [string, string, string, string];
      const bytes = await publishedFile(outDir, year, file);
      return bytes ? send(response, 200, SITE_TYPES[extension]!, bytes, { 'Content-Security-Policy': SITE_POLICY, 'Cache-Control': 'no-cache' }) : notFound(response);
    }
    const route = LETTER_ROUTE.exec(path);
    if (!route) return notFound(response);
    const [, year, slug, view] = route as unknown as [string, string, string, string];
    const letter = await live(year, slug);
    if (!letter) return notFound(response);
    switch (view) {
      case '':
        return send(response, 200, 'text/html; charset=utf-8', previewPage(letter.file, files, await publishedIndex(outDir, year)), { 'Content-Security-Policy': PAGE_POLICY });
      case 'letter.html': {
        const html = letter.html();
        return html ? send(response, 200, 'text/html; charset=utf-8', html, { 'Content-Security-Policy': LETTER_POLICY }) : notFound(response);
      }
      case 'letter.pdf': {
        const pdf = letter.pdf();
        return pdf ? send(response, 200, 'application/pdf', await pdf) : notFound(response);
      }
      default:
        return events(request, response, letter);
    }
  }

  function events(request: IncomingMessage, response: ServerResponse, letter: LiveLetter): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', ...SAFE_HEADERS });
    const push = (state: unknown) => response.write(`event: letter\ndata: ${JSON.stringify(state)}\n\n`);
    push(letter.current);
    const stop = letter.subscribe(push);
    streams.add(response);
    request.on('close', () => {
      stop();
      streams.delete(response);
    });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Nothing a request or an edit does may stop the server: say what went wrong and go on.
      if (!response.headersSent) send(response, 500, 'text/plain', `${error instanceof Error ? error.message : String(error)}\n`);
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);
  await live(start.year, start.slug);
  // pdfmake and the fonts load once, now, rather than on the first save.
  void import('../writers/pdf/index.js').then(({ threadPrinter }) => threadPrinter());

  return {
    url: `http://127.0.0.1:${port}/`,
    address: server.address() as AddressInfo,
    start,
    letters,
    async changed(path) {
      // The picker's list is read again beside the re-render, not before it: a save reaches the page no later for it.
      // A data folder that cannot be listed for a moment keeps the list it had.
      const listed = relative(options.dataDir, path).startsWith('..')
        ? undefined
        : findDataFiles(options.dataDir).then(
            (found) => void (files = found.files),
            () => undefined,
          );
      await Promise.all([listed, ...[...letters.values()].filter((letter) => letter.dependsOn(path)).map((letter) => letter.refresh(path))]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const SAFE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...SAFE_HEADERS, ...headers });
  response.end(body);
}

function redirect(response: ServerResponse, location: string): void {
  send(response, 303, 'text/plain', `${location}\n`, { Location: location });
}

function notFound(response: ServerResponse): void {
  send(response, 404, 'text/plain', 'not found\n');
}
