import type { LetterImage } from '../document/types.js';

/**
 * An image as the writers hand it on: a `data:` URI (the HTML letter, and
 * pdfmake's images), or an SVG's text (drawn by the PDF writer as vectors).
 * Each made once per image, not once per letter of its year.
 */

const MEDIA_TYPES: Record<LetterImage['format'], string> = { svg: 'image/svg+xml', png: 'image/png', jpeg: 'image/jpeg' };

const dataUris = new WeakMap<LetterImage, string>();
const svgTexts = new WeakMap<LetterImage, string>();

export function imageDataUri(image: LetterImage): string {
  let uri = dataUris.get(image);
  if (uri === undefined) {
    uri = `data:${MEDIA_TYPES[image.format]};base64,${Buffer.from(image.bytes).toString('base64')}`;
    dataUris.set(image, uri);
  }
  return uri;
}

export function svgText(image: LetterImage): string {
  let text = svgTexts.get(image);
  if (text === undefined) {
    text = Buffer.from(image.bytes).toString('utf8');
    svgTexts.set(image, text);
  }
  return text;
}
