import { describe, expect, it } from 'vitest';
import { placeImages } from '../../src/document/placeImages.js';
import type { Block, LetterImage, Section } from '../../src/document/types.js';
import { writeText } from '../../src/writers/text.js';

const image = (name: string, alt: string): LetterImage => ({ name, format: 'png', bytes: new Uint8Array([1]), width: 4, height: 1, alt });
const letterhead = image('letterhead.png', 'Local Government & Social Care OMBUDSMAN');
const signature = image('signature.png', 'Signature of Michael King');
const words = (value: string, style?: 'letterhead' | 'signoff'): Block => ({ type: 'paragraph', children: [{ type: 'text', value }], ...(style ? { style } : {}) });

const letter = (): Section[] => [
  { name: 'letter', blocks: [words('Local Government & Social Care OMBUDSMAN', 'letterhead'), words('Dear Mr Harden'), words('Yours sincerely,'), { type: 'signature' }, words('Michael King', 'signoff')] },
  { name: 'statistics', blocks: [words('Complaints upheld')] },
];

describe('placeImages', () => {
  it('puts the letterhead in place of the :::letterhead block, keeping its words for the text letter, and the signature in place of ::signature', () => {
    const sections = letter();
    const placed = placeImages(sections, { letterhead, signature });
    expect(placed[0]!.blocks.map((block) => (block.type === 'image' ? `image ${block.place}: ${block.image.alt}` : block.type))).toEqual([
      'image letterhead: Local Government & Social Care OMBUDSMAN',
      'paragraph',
      'paragraph',
      'image signature: Signature of Michael King',
      'paragraph',
    ]);
    expect(placed[0]!.blocks[0]).toEqual({ type: 'image', place: 'letterhead', image: letterhead, replaces: [sections[0]!.blocks[0]] });
    expect(writeText({ meta: {} as never, sections: placed })).toBe(writeText({ meta: {} as never, sections }));
    // The parsed sections are left as they were.
    expect(sections).toEqual(letter());
  });

  it('heads the first section with the letterhead when the template has no :::letterhead block, and changes nothing without images', () => {
    const sections = letter().map((section) => ({ ...section, blocks: section.blocks.filter((block) => !(block.type === 'paragraph' && block.style === 'letterhead')) }));
    const placed = placeImages(sections, { letterhead });
    expect(placed[0]!.blocks[0]).toEqual({ type: 'image', place: 'letterhead', image: letterhead, replaces: [] });
    expect(placed[0]!.blocks[3]).toEqual({ type: 'signature' });
    expect(placeImages(sections, {})).toBe(sections);
  });
});
