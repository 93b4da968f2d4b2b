import { describe, expect, it } from 'vitest';
import { install as installPlainStyleLookup, pdfmakeStyleLookup, pdfmakeStyleStack, plainStyleLookup, type StyleStack } from '../../src/engine/styleLookup.js';

/**
 * The style lookup (src/engine/styleLookup.ts) against pdfmake's own.
 * To see it fail: walk the stack in `fromStack` from the bottom rather than
 * the top, or keep answers across pushes and pops (drop `changes() !==
 * keptChanges` in `plainStyleLookup`).
 */
const StyleContextStack = pdfmakeStyleStack();
const original = pdfmakeStyleLookup();
// Each case has a stack of its own, so no count of changes is needed.
const plain = plainStyleLookup(original, () => 0);

const dictionary = {
  body: { fontSize: 10, color: 'black' },
  emphasis: { extends: 'body', italics: true, color: 'red' },
};

function stackOf(overrides: unknown[], defaultStyle: Record<string, unknown> = { font: 'Roboto', fontSize: 10.5 }): StyleStack {
  const stack = new StyleContextStack(dictionary, defaultStyle);
  stack.styleOverrides.push(...overrides);
  return stack;
}

const PROPERTIES = ['font', 'fontSize', 'bold', 'italics', 'color', 'decoration', 'link', 'lineHeight'];

const cases: { name: string; item: string | Record<string, unknown>; stack?: StyleStack }[] = [
  { name: 'own value', item: { text: 'a', fontSize: 32, bold: true }, stack: stackOf([{ fontSize: 12 }]) },
  { name: 'from the style objects on the stack, nearest first', item: { text: 'a' }, stack: stackOf([{ fontSize: 12, color: 'blue' }, { fontSize: 8.5 }]) },
  { name: 'null and undefined on the item or stack are passed over', item: { text: 'a', color: null, bold: undefined }, stack: stackOf([{ bold: true }, { color: null, decoration: undefined }]) },
  { name: 'from the default style', item: { text: 'a' }, stack: stackOf([]) },
  { name: 'no default style', item: { text: 'a' }, stack: stackOf([], undefined) },
  { name: 'no stack at all', item: { text: 'a', bold: true } },
  { name: 'a string item', item: 'plain words', stack: stackOf([{ color: 'green' }]) },
  { name: 'a named style on the item', item: { text: 'a', style: 'emphasis' }, stack: stackOf([{ fontSize: 12 }]) },
  { name: 'a named style on the stack', item: { text: 'a' }, stack: stackOf([{ lineHeight: 2 }, 'emphasis', { bold: true }]) },
  { name: 'a section node (styles not pushed)', item: { section: [], style: 'emphasis' }, stack: stackOf([{ color: 'teal' }]) },
];

describe('plainStyleLookup', () => {
  it.each(cases)('answers as pdfmake does: $name', ({ item, stack }) => {
    for (const property of PROPERTIES) {
      for (const fallback of [undefined, null, 'fallback']) {
        const before = stack ? [...stack.styleOverrides] : undefined;
        expect(plain(item, stack, property, fallback), `${property}, default ${fallback}`).toEqual(original(item, stack, property, fallback));
        // Neither lookup leaves anything on the stack.
        if (stack) expect(stack.styleOverrides).toEqual(before);
      }
    }
  });

  it('is what pdfmake uses once installed, and installing again changes nothing', () => {
    installPlainStyleLookup();
    const installed = StyleContextStack.getStyleProperty;
    installPlainStyleLookup();
    expect(StyleContextStack.getStyleProperty).toBe(installed);
    expect(pdfmakeStyleLookup()).not.toBe(installed);
    const stack = stackOf([{ fontSize: 12 }]);
    expect(installed({ text: 'a' }, stack, 'fontSize', 0)).toBe(12);
  });

  it('once installed, answers from the stack as it is after every push and pop', () => {
    installPlainStyleLookup();
    const lookup = StyleContextStack.getStyleProperty;
    const stack = new StyleContextStack(dictionary, { font: 'Roboto', fontSize: 10.5 }) as StyleStack & { push(style: unknown): void; pop(howMany?: number): void };
    const asked = () => ['fontSize', 'bold', 'italics', 'color'].map((property) => lookup({ text: 'a' }, stack, property, 'unset'));
    expect(asked()).toEqual([10.5, 'unset', 'unset', 'unset']);
    stack.push({ fontSize: 14 });
    expect(asked()).toEqual([14, 'unset', 'unset', 'unset']);
    stack.push({ bold: true });
    expect(asked()).toEqual([14, true, 'unset', 'unset']);
    stack.pop(2);
    expect(asked()).toEqual([10.5, 'unset', 'unset', 'unset']);
    // The same depth as before, another style.
    stack.push({ fontSize: 8 });
    expect(asked()).toEqual([8, 'unset', 'unset', 'unset']);
    stack.pop();
    stack.push('emphasis');
    expect(asked()).toEqual([10, 'unset', true, 'red']);
    expect(asked()).toEqual(['fontSize', 'bold', 'italics', 'color'].map((property) => original({ text: 'a' }, stack, property, 'unset')));
  });

  it('once installed, answers each of two stacks asked in turn from its own styles', () => {
    installPlainStyleLookup();
    const lookup = StyleContextStack.getStyleProperty;
    const small = stackOf([{ fontSize: 8.5 }]);
    const large = stackOf([{ fontSize: 16, bold: true }]);
    for (let round = 0; round < 3; round += 1) {
      expect(lookup({ text: 'a' }, small, 'fontSize', 0)).toBe(8.5);
      expect(lookup({ text: 'a' }, large, 'fontSize', 0)).toBe(16);
      expect(lookup({ text: 'a' }, small, 'bold', false)).toBe(false);
      expect(lookup({ text: 'a', bold: false }, large, 'bold', false)).toBe(false);
      expect(lookup({ text: 'a' }, large, 'bold', false)).toBe(true);
    }
  });

  it('reads the values that decide a word, on a stack like a table cell’s', () => {
    const stack = stackOf([{ fontSize: 8.5, lineHeight: 1.1 }, { bold: true, fillColor: '#ece6f1' }]);
    const item = { text: 'Total ' };
    expect(['font', 'fontSize', 'bold', 'lineHeight', 'color'].map((property) => plain(item, stack, property, 'unset'))).toEqual(['Roboto', 8.5, true, 1.1, 'unset']);
  });
});
