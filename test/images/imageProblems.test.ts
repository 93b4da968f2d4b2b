import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';
import { imageProject, lineOf } from './support.js';
import { makeJpeg, makePng, makeSvg } from './makeImages.js';

/**
 * Every way an image named in year.yaml can be wrong, each a problem at
 * year.yaml's line and column naming the field, found by `letters validate`
 * and refused by `letters build` (exit 1, nothing written).
 */

const YEAR = 'templates/2020/year.yaml';

function validate(dir: string) {
  return runCli(['validate', '--year', '2020'], dir);
}

describe('an image named in year.yaml', () => {
  it('outside the year’s template folder', () => {
    const dir = imageProject({ letterhead: 'letterhead: { image: ../2018/letterhead.svg, alt: "Letterhead" }' });
    const line = lineOf(dir, '../2018/letterhead.svg');
    expect(validate(dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${YEAR}:${line}:22  letterhead.image  must name a file in the year's template folder (templates/2020): ../2018/letterhead.svg is outside it\n1 problem in 1 file\n`,
    });
  });

  it('inside the folder, but a link to a file outside it', () => {
    const dir = imageProject({ letterhead: 'letterhead: { image: linked.svg, alt: "Letterhead" }' });
    symlinkSync(join(dir, 'templates/2018/letterhead.svg'), join(dir, 'templates/2020/linked.svg'));
    expect(validate(dir).stderr).toBe(`${YEAR}:${lineOf(dir, 'linked.svg')}:22  letterhead.image  must name a file in the year's template folder (templates/2020): linked.svg leads outside it\n1 problem in 1 file\n`);
  });

  it('that is not there', () => {
    const dir = imageProject({ signature: 'signature: { image: signature.png, alt: "Signature of Michael King" }' });
    expect(validate(dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${YEAR}:10:23  signatory.signature.image  file not found: templates/2020/signature.png\n1 problem in 1 file\n`,
    });
  });

  it('that is a folder', () => {
    const dir = imageProject({ signature: 'signature: { image: signature.png, alt: "Signature of Michael King" }' });
    mkdirSync(join(dir, 'templates/2020/signature.png'));
    expect(validate(dir).stderr).toBe(`${YEAR}:10:23  signatory.signature.image  is a folder, not an image file: templates/2020/signature.png\n1 problem in 1 file\n`);
  });

  it('of a format the letters do not draw', () => {
    const dir = imageProject({ signature: 'signature: { image: signature.gif, alt: "Signature of Michael King" }', files: { 'signature.gif': 'GIF89a' } });
    expect(validate(dir).stderr).toBe(`${YEAR}:10:23  signatory.signature.image  must be an SVG, PNG or JPEG file (.svg, .png, .jpg or .jpeg): signature.gif\n1 problem in 1 file\n`);
  });

  it.each([
    ['a JPEG named .png', 'signature.png', makeJpeg(), "templates/2020/signature.png is not a PNG image: its bytes are a JPEG image's (give the file the extension of its format)"],
    ['a PNG named .jpg', 'signature.jpg', makePng(8, 8), "templates/2020/signature.jpg is not a JPEG image: its bytes are a PNG image's (give the file the extension of its format)"],
    ['text named .png', 'signature.png', 'not an image\n', 'templates/2020/signature.png is not a PNG image: its bytes are not an image of any kind known here'],
    ['a PNG cut short', 'signature.png', makePng(8, 8).subarray(0, 12), 'templates/2020/signature.png is not a PNG image: its bytes are not an image of any kind known here'],
  ])('that is not the image its extension says: %s', (_, name, bytes, message) => {
    const dir = imageProject({ signature: `signature: { image: ${name}, alt: "Signature of Michael King" }`, files: { [name]: bytes } });
    expect(validate(dir)).toEqual({ code: 1, stdout: '', stderr: `${YEAR}:10:23  signatory.signature.image  ${message}\n1 problem in 1 file\n` });
  });

  it.each([
    ['not XML', 'a letterhead', 'it does not parse as XML (Non-whitespace before first tag.)'],
    ['HTML', '<html><body></body></html>', 'its root element is <html>, not <svg>'],
    ['with no size', '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>', 'it has no size: give its <svg> a viewBox, or a width and height'],
    ['with words as text', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g><text>Ombudsman</text></g></svg>', 'it holds <text>, which the PDF does not draw: convert its words to paths (outlines)'],
    ['with an image inside', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="https://example.org/logo.png"/></svg>', 'it holds <image>, which the PDF does not draw: an SVG here draws with vectors only'],
  ])('that is not an SVG the letters can draw: %s', (_, svg, message) => {
    const dir = imageProject({ letterhead: 'letterhead: { image: logo.svg, alt: "Letterhead" }', files: { 'logo.svg': svg } });
    expect(validate(dir).stderr).toBe(`${YEAR}:${lineOf(dir, 'logo.svg')}:22  letterhead.image  templates/2020/logo.svg is not an SVG image: ${message}\n1 problem in 1 file\n`);
  });

  it('without alt, even when its file is good', () => {
    const dir = imageProject({ letterhead: 'letterhead: { image: logo.svg }', signature: 'signature:\n    image: signature.png', files: { 'logo.svg': makeSvg(), 'signature.png': makePng(40, 16) } });
    expect(validate(dir).stderr).toBe(
      `${YEAR}:11:5  signatory.signature.alt  an image needs \`alt\`: the words a screen reader says in its place\n` +
        `${YEAR}:${lineOf(dir, 'logo.svg')}:13  letterhead.alt  an image needs \`alt\`: the words a screen reader says in its place\n` +
        '2 problems in 1 file\n',
    );
  });

  it('with an empty alt', () => {
    const dir = imageProject({ signature: 'signature: { image: signature.png, alt: "" }', files: { 'signature.png': makePng(40, 16) } });
    expect(validate(dir).stderr).toBe(`${YEAR}:10:43  signatory.signature.alt  must not be empty\n1 problem in 1 file\n`);
  });

  it('with every problem at once, each at its own line: build writes nothing', () => {
    const dir = imageProject({ letterhead: 'letterhead: { image: /etc/hostname }', signature: 'signature: { image: signature.png, alt: "Signature of Michael King" }' });
    const line = lineOf(dir, '/etc/hostname');
    expect(runCli(['build', '--out', 'out'], dir)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `${YEAR}:10:23  signatory.signature.image  file not found: templates/2020/signature.png\n` +
        `${YEAR}:${line}:13  letterhead.alt  an image needs \`alt\`: the words a screen reader says in its place\n` +
        `${YEAR}:${line}:22  letterhead.image  must name a file in the year's template folder (templates/2020): /etc/hostname is outside it\n` +
        '3 problems in 1 file\n' +
        'nothing written (use --keep-going to write the valid letters)\n',
    });
  });
});
