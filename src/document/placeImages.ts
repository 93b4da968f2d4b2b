import type { Block, LetterDocument, LetterImage, Section } from './types.js';

/**
 * Puts a year's images into a letter's sections, where the template keeps
 * their places: the letterhead image takes the place of the first block
 * styled `:::letterhead` (which the text letter still writes), or
 * heads the first section when there is none; the signature image takes the
 * place of `::signature`. New blocks and arrays: the parsed sections are
 * left as they were.
 */
export function placeImages(sections: Section[], images: { letterhead?: LetterImage; signature?: LetterImage }): Section[] {
  const { letterhead, signature } = images;
  if (!letterhead && !signature) return sections;
  let letterheadPlaced = false;
  const placed = sections.map((section) => ({
    ...section,
    blocks: section.blocks.map((block): Block => {
      if (letterhead && !letterheadPlaced && isLetterhead(block)) {
        letterheadPlaced = true;
        return { type: 'image', place: 'letterhead', image: letterhead, replaces: [block] };
      }
      if (signature && block.type === 'signature') return { type: 'image', place: 'signature', image: signature, replaces: [] };
      return block;
    }),
  }));
  const first = placed[0];
  if (letterhead && !letterheadPlaced && first) first.blocks.unshift({ type: 'image', place: 'letterhead', image: letterhead, replaces: [] });
  return placed;
}

function isLetterhead(block: Block): boolean {
  return (block.type === 'paragraph' || block.type === 'group') && block.style === 'letterhead';
}

/**
 * The document with these images (the year's, by place) in place of its
 * own: the same image, as another thread's copy of it or as kept without
 * its bytes (`withoutImages`).
 */
export function withImages(document: LetterDocument, images: { letterhead?: LetterImage; signature?: LetterImage }): LetterDocument {
  return eachImage(document, (block) => {
    const image = images[block.place];
    if (!image) throw new Error(`the year has no ${block.place} image for a document that has one`);
    return image;
  });
}

/** The document with each image's bytes left out, to keep it small: `withImages` puts them back. */
export function withoutImages(document: LetterDocument): LetterDocument {
  return eachImage(document, (block) => ({ ...block.image, bytes: new Uint8Array(0) }));
}

function eachImage(document: LetterDocument, image: (block: Extract<Block, { type: 'image' }>) => LetterImage): LetterDocument {
  return {
    ...document,
    sections: document.sections.map((section) => ({
      ...section,
      blocks: section.blocks.map((block) => (block.type === 'image' ? { ...block, image: image(block) } : block)),
    })),
  };
}
