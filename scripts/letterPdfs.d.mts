/** Every letter of a project folder as PDF bytes, by `<year>/<slug>`, made with every shortcut (`letters build`), with those that keep the bytes (`'exact'`), or with none (bench/naive.mjs --plain-markup). */
export function letterPdfs(projectDir: string, options: { shortcuts: boolean | 'exact' }): Promise<Map<string, Buffer>>;
export function sha256(bytes: Uint8Array): string;
/** Every PDF in an output folder (`<out>/<year>/<slug>.pdf`), by `<year>/<slug>`. */
export function pdfsIn(out: string): Map<string, Buffer>;
