/**
 * Handlebars' strict mode throws for a missing field in `{{field}}` but not
 * in a helper's argument: `{{#if delay.incompete}}` would quietly be false
 * and drop a sentence. Rendering through this view of the model makes every
 * lookup of a field the model lacks an error, wherever it is written.
 */
export class MissingFieldError extends Error {
  /** The fields the model has where this one was looked for, by their full paths: for "did you mean". */
  constructor(
    readonly field: string,
    readonly known: string[] = [],
  ) {
    super(`"${field}" not defined`);
    this.name = 'MissingFieldError';
  }
}

export function strictContext<T extends object>(model: T): T {
  return view(model, '', new WeakMap()) as T;
}

function view(value: object, path: string, views: WeakMap<object, object>): object {
  // One view per object, so `{{#if (eq a a)}}` still compares equal.
  const known = views.get(value);
  if (known) return known;
  const proxy = new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key !== 'string' || Object.hasOwn(target, key)) {
        const found: unknown = Reflect.get(target, key, receiver);
        return typeof found === 'object' && found !== null ? view(found, join(path, key), views) : found;
      }
      // Built-in names (toString when a message is built) behave as usual;
      // templates cannot name them, compile.ts refuses that at load time.
      if (key in Object.prototype) return Reflect.get(target, key, receiver);
      throw new MissingFieldError(join(path, key), Object.keys(target).map((name) => join(path, name)));
    },
    // Only own fields count, so strict-mode `{{recipient.toString}}` is reported too.
    has: (target, key) => Object.hasOwn(target, key),
  });
  views.set(value, proxy);
  return proxy;
}

function join(path: string, key: string | symbol): string {
  return path === '' ? String(key) : `${path}.${String(key)}`;
}
