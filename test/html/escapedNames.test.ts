import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempProject } from '../helpers.js';
import { byTag, elements, readHtml, textOf } from './readHtml.js';

const NAME = 'Knowsley &lt;b&gt; &amp; Borough Council';

describe('a name holding what looks like HTML', () => {
  it('reads back from the HTML letter exactly as written, with no element made of it', () => {
    const knowsley = readFileSync(join(ROOT, 'data/2020/knowsley-metropolitan-borough-council.yaml'), 'utf8').replace('name: Knowsley Metropolitan Borough Council', `name: "${NAME}"`);
    const dir = tempProject({ '2020/knowsley-metropolitan-borough-council.yaml': knowsley });
    const result = runCli(['preview', 'knowsley', '--format', 'html'], dir);
    expect(result.stderr).toBe('');
    const { document, errors } = readHtml(result.stdout);
    expect(errors).toEqual([]);
    const [main] = byTag(document, 'main');
    expect(textOf(main!).split(/\s+/).join(' ')).toContain(`Chief Executive ${NAME} Dear Mr Harden`);
    expect(elements(main!).filter((element) => element.tagName === 'b')).toEqual([]);
    // In the bytes, every & of the name is escaped: `&amp;lt;b&amp;gt;`.
    expect(result.stdout).toContain('Knowsley &amp;lt;b&amp;gt; &amp;amp; Borough Council');
  });
});
