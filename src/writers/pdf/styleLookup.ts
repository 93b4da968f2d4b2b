import { createRequire } from 'node:module';

/**
 * pdfmake asks its style stack for some twenty properties of every word it
 * lays out (font, size, colour, decoration, link…), and its lookup makes a
 * closure and an array every time, and a Set for each named style: two
 * fifths of all a letter allocated with named styles, still a quarter with
 * styles set on the nodes, and much of the garbage collection. The lookup
 * installed here gives the same answers: the item's own value, then each
 * style on the stack from the top, then the default style. It walks plain
 * style objects without allocating; as soon as a named style is involved it
 * hands over to pdfmake's own lookup (documentDefinition.ts sets styles on
 * the nodes, so none is).
 */

/** The parts of pdfmake's StyleContextStack used here (pdfmake 0.3). */
export interface StyleStack {
  styleOverrides: unknown[];
  defaultStyle?: Record<string, unknown>;
}

type Item = string | Record<string, unknown>;
export type StyleLookup = (item: Item, stack: StyleStack | undefined, property: string, defaultValue: unknown) => unknown;

interface StyleContextStackClass {
  new (styleDictionary: object, defaultStyle?: object): StyleStack;
  getStyleProperty: StyleLookup;
}

const isValue = (value: unknown) => value !== undefined && value !== null;

/** The lookup, falling back on `original` (pdfmake's) wherever a style is named. */
export function plainStyleLookup(original: StyleLookup): StyleLookup {
  return (item, stack, property, defaultValue) => {
    // Read on a string item too, as pdfmake does (so `bold` finds String.prototype.bold).
    const own = (item as Record<string, unknown>)[property];
    if (isValue(own)) return own;
    if (!stack) return defaultValue;
    if (typeof item !== 'string' && item.section === undefined && item.style) return original(item, stack, property, defaultValue);
    const styles = stack.styleOverrides;
    for (let index = styles.length - 1; index >= 0; index -= 1) {
      const style = styles[index];
      if (typeof style !== 'object' || style === null || style instanceof String) return original(item, stack, property, defaultValue);
      const value = (style as Record<string, unknown>)[property];
      if (isValue(value)) return value;
    }
    const fallback = stack.defaultStyle?.[property];
    return isValue(fallback) ? fallback : defaultValue;
  };
}

/** pdfmake's StyleContextStack class: the one its layout code uses. */
export function pdfmakeStyleStack(): StyleContextStackClass {
  const module = createRequire(import.meta.url)('pdfmake/js/StyleContextStack.js') as { default?: StyleContextStackClass };
  const StyleContextStack = module.default;
  const probe = StyleContextStack && typeof StyleContextStack.getStyleProperty === 'function' ? new StyleContextStack({}, {}) : undefined;
  if (!probe || !Array.isArray(probe.styleOverrides) || typeof probe.defaultStyle !== 'object') {
    throw new Error('pdfmake is not the version this writer was made for (0.3): its StyleContextStack has changed');
  }
  return StyleContextStack!;
}

/** Where the installed lookup keeps pdfmake's own: each copy of this module finds it, whichever installed it. */
const PDFMAKE_LOOKUP = Symbol.for('letters.pdfmakeStyleLookup');

type Installed = StyleLookup & { [PDFMAKE_LOOKUP]?: StyleLookup };

/** pdfmake's own lookup, whether or not the plain one is in its place. */
export function pdfmakeStyleLookup(): StyleLookup {
  const StyleContextStack = pdfmakeStyleStack();
  const current = StyleContextStack.getStyleProperty as Installed;
  return current[PDFMAKE_LOOKUP] ?? current.bind(StyleContextStack);
}

/** Puts the plain lookup in place of pdfmake's, once per thread. */
export function installPlainStyleLookup(): void {
  const StyleContextStack = pdfmakeStyleStack();
  if ((StyleContextStack.getStyleProperty as Installed)[PDFMAKE_LOOKUP]) return;
  const original = StyleContextStack.getStyleProperty.bind(StyleContextStack);
  StyleContextStack.getStyleProperty = Object.assign(plainStyleLookup(original), { [PDFMAKE_LOOKUP]: original });
}
