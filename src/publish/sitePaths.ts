/** Where each file of a published year lies in the site, relative to its top (every link is relative). */
export const INDEX_PAGE = 'index.html';
export const DATA_PAGE = 'data.html';

export function authorityPagePath(slug: string): string {
  return `authorities/${slug}.html`;
}

export function letterPath(slug: string, extension: 'html' | 'pdf'): string {
  return `letters/${slug}.${extension}`;
}

export function dataFile(year: string, extension: 'csv' | 'json'): string {
  return `${year}.${extension}`;
}
