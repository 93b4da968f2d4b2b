import type { Year } from '../load/yearTemplates.js';
import type { ExportedSheet } from '../sheet/exportSheet.js';
import { authorityPage } from './authorityPage.js';
import { dataPage } from './dataPage.js';
import { indexPage } from './indexPage.js';
import { openData, openDataCsv, openDataJson } from './openData.js';
import { yearPictures } from './pictures.js';
import { authorityPagePath, DATA_PAGE, dataFile, INDEX_PAGE, letterPath } from './sitePaths.js';
import type { SiteAuthority } from './yearFigures.js';

/** A letter's two files as they go into the site: the bytes built (or, for a draft, made now). */
export interface SiteLetter {
  html: Uint8Array;
  pdf: Uint8Array;
}

export interface SiteInput {
  year: Year;
  authorities: readonly SiteAuthority[];
  letters: ReadonlyMap<string, SiteLetter>;
  /** The year's data files in the columns `letters import` reads (sheet/exportSheet.ts). */
  sheet: ExportedSheet;
  draft: boolean;
}

/** Every file of a published year, by its path in the site. Nothing in them depends on the clock or the machine. */
export async function siteFiles(input: SiteInput): Promise<Map<string, string | Uint8Array>> {
  const { year, authorities, letters, draft } = input;
  const files = new Map<string, string | Uint8Array>();
  const charts = await yearPictures(authorities);
  files.set(INDEX_PAGE, indexPage(year, authorities, charts, draft));
  const data = openData(year, input.sheet, authorities);
  files.set(DATA_PAGE, dataPage(year, data, draft));
  files.set(dataFile(year.year, 'csv'), await openDataCsv(data, year.year));
  files.set(dataFile(year.year, 'json'), openDataJson(data, year.year));
  for (const authority of authorities) {
    const letter = letters.get(authority.slug);
    if (!letter) throw new Error(`no letter files for ${authority.slug}`);
    files.set(letterPath(authority.slug, 'html'), letter.html);
    files.set(letterPath(authority.slug, 'pdf'), letter.pdf);
    files.set(authorityPagePath(authority.slug), authorityPage(year, authority, Buffer.from(letter.html).toString('utf8'), draft));
  }
  return files;
}
