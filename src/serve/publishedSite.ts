import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { INDEX_PAGE } from '../publish/sitePaths.js';

/**
 * The sites `letters publish` wrote, served read-only by the preview server
 * under `/site/<year>/`, so the preview page can link to the year it shows.
 * Only the names a published site has are answered (no part of the URL
 * becomes a path unchecked: `..`, `%2e` and other folders never match).
 */
export const SITE_ROUTE = /^\/site\/(\d{4})\/((?:(?:authorities|letters)\/)?[a-z0-9]+(?:-[a-z0-9]+)*\.(html|pdf|csv|json))$/;

export const SITE_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** The pages carry their own policy; the server's adds that none may be framed elsewhere. */
export const SITE_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** `/site/<year>/index.html` when `<out>/<year>/site/index.html` exists, else undefined. */
export async function publishedIndex(outDir: string, year: string): Promise<string | undefined> {
  const found = await stat(join(outDir, year, 'site', INDEX_PAGE)).then(
    (info) => info.isFile(),
    () => false,
  );
  return found ? `/site/${year}/${INDEX_PAGE}` : undefined;
}

/** A file of a published site, or undefined when there is none. */
export async function publishedFile(outDir: string, year: string, path: string): Promise<Buffer | undefined> {
  return readFile(join(outDir, year, 'site', ...path.split('/'))).catch(() => undefined);
}
