import { readFileSync } from 'node:fs';

/** The tool's version, from package.json (part of every letter's input hash). */
export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
