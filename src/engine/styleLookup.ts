import { createRequire } from 'node:module';

/**
 * Shortcut: a style lookup that allocates nothing, in place of pdfmake's.
 *
 * Relies on (pdfmake 0.3.11): the deep import `pdfmake/js/StyleContextStack.js`,
 * its static `getStyleProperty(item, stack, property, default)` being how
 * the layout code reads every style property, the `styleOverrides` and
 * `defaultStyle` of a stack, and stacks changing only through
 * `push`/`pop` (all but the last checked on install).
 *
 * pdfmake asks its style stack for some twenty properties of every word it
 * lays out (font, size, colour, decoration, link…), and its lookup makes a
 * closure and an array every time, and a Set for each named style: two
 * fifths of all a letter allocated with named styles, still a quarter with
 * styles set on the nodes, and much of the garbage collection. The lookup
 * installed here gives the same answers: the item's own value, then each
 * style on the stack from the top, then the default style. It walks plain
 * style objects without allocating; as soon as a named style is involved it
 * hands over to pdfmake's own lookup (writers/pdf/documentDefinition.ts sets styles on
 * the nodes, so none is).
 *
 * What the stack gives is also kept until the stack changes: the words of a
 * paragraph ask the same stack the same questions, and most answers come
 * from the default style at the bottom of it. pdfmake changes a stack only
 * through `push` and `pop` (counted here) or by making a new one, and does
 * not change the style properties of what is on it (it writes its layout
 * results, `_`-named, onto the nodes).
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
  prototype: { push(style: unknown): void; pop(howMany?: number): void };
}

/** Stands for "a named style is on the stack": pdfmake's lookup answers. */
const NAMED = Symbol('named style');

const isValue = (value: unknown) => value !== undefined && value !== null;

/**
 * The lookup, falling back on `original` (pdfmake's) wherever a style is
 * named. `changes` counts the pushes and pops of every stack so far: what a
 * stack gives is kept while it is the same stack and the count is the same.
 */
export function plainStyleLookup(original: StyleLookup, changes: () => number): StyleLookup {
  let keptStack: StyleStack | undefined;
  let keptChanges = -1;
  let kept = new Map<string, unknown>();
  return (item, stack, property, defaultValue) => {
    // Read on a string item too, as pdfmake does (so `bold` finds String.prototype.bold).
    const own = (item as Record<string, unknown>)[property];
    if (isValue(own)) return own;
    if (!stack) return defaultValue;
    if (typeof item !== 'string' && item.section === undefined && item.style) return original(item, stack, property, defaultValue);
    if (stack !== keptStack || changes() !== keptChanges) {
      keptStack = stack;
      keptChanges = changes();
      kept = new Map();
    }
    let value = kept.get(property);
    if (value === undefined && !kept.has(property)) {
      value = fromStack(stack, property);
      kept.set(property, value);
    }
    if (value === NAMED) return original(item, stack, property, defaultValue);
    return isValue(value) ? value : defaultValue;
  };
}

/** The value the stack's plain styles give, from the top, then the default style's; NAMED where a named style is met first. */
function fromStack(stack: StyleStack, property: string): unknown {
  const styles = stack.styleOverrides;
  for (let index = styles.length - 1; index >= 0; index -= 1) {
    const style = styles[index];
    if (typeof style !== 'object' || style === null || style instanceof String) return NAMED;
    const value = (style as Record<string, unknown>)[property];
    if (isValue(value)) return value;
  }
  return stack.defaultStyle?.[property];
}

/** pdfmake's StyleContextStack class: the one its layout code uses. */
export function pdfmakeStyleStack(): StyleContextStackClass {
  const module = createRequire(import.meta.url)('pdfmake/js/StyleContextStack.js') as { default?: StyleContextStackClass };
  const StyleContextStack = module.default;
  const probe = StyleContextStack && typeof StyleContextStack.getStyleProperty === 'function' ? new StyleContextStack({}, {}) : undefined;
  const changesThroughMethods = StyleContextStack && typeof StyleContextStack.prototype.push === 'function' && typeof StyleContextStack.prototype.pop === 'function';
  if (!probe || !changesThroughMethods || !Array.isArray(probe.styleOverrides) || typeof probe.defaultStyle !== 'object') {
    throw new Error('pdfmake is not the version src/engine/styleLookup.ts was made for (0.3.11): its StyleContextStack has changed');
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

/** Puts the plain lookup in place of pdfmake's, once per thread, and counts the changes of every stack for it. */
export function install(): void {
  const StyleContextStack = pdfmakeStyleStack();
  if ((StyleContextStack.getStyleProperty as Installed)[PDFMAKE_LOOKUP]) return;
  const original = StyleContextStack.getStyleProperty.bind(StyleContextStack);
  let changes = 0;
  const { push, pop } = StyleContextStack.prototype;
  StyleContextStack.prototype.push = function (this: StyleStack, style: unknown) {
    changes += 1;
    return push.call(this, style);
  };
  StyleContextStack.prototype.pop = function (this: StyleStack, howMany?: number) {
    changes += 1;
    return pop.call(this, howMany);
  };
  StyleContextStack.getStyleProperty = Object.assign(
    plainStyleLookup(original, () => changes),
    { [PDFMAKE_LOOKUP]: original },
  );
}
