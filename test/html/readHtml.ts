import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';

/** An HTML page parsed as a browser would (parse5, the WHATWG algorithm), with the parse errors it found. */
export interface ReadHtml {
  document: T.Document;
  errors: string[];
}

export function readHtml(html: string): ReadHtml {
  const errors: string[] = [];
  const document = parse(html, { sourceCodeLocationInfo: true, onParseError: (error) => errors.push(`${error.code} at line ${error.startLine}`) });
  return { document, errors };
}

export type Element = T.Element;

/** Every element below `node`, in document order. */
export function elements(node: T.ParentNode): Element[] {
  const found: Element[] = [];
  const walk = (parent: T.ParentNode) => {
    for (const child of parent.childNodes) {
      if ('tagName' in child) {
        found.push(child);
        walk(child.tagName === 'template' ? (child as T.Template).content : child);
      }
    }
  };
  walk(node);
  return found;
}

export function byTag(node: T.ParentNode, tag: string): Element[] {
  return elements(node).filter((element) => element.tagName === tag);
}

export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}

/** Elements that do not break a line: their text runs on into the text around them. */
const INLINE = new Set(['a', 'strong', 'em', 'b', 'i', 'span']);

/**
 * The text a reader gets from an element: text nodes as they are, an
 * image's alt, a line break for `<br>` and around every element that is
 * not inline.
 */
export function textOf(node: T.ParentNode): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') out += (child as T.TextNode).value;
    else if (!('tagName' in child)) continue;
    else if (child.tagName === 'br') out += '\n';
    else if (child.tagName === 'img') out += attr(child, 'alt') ?? '';
    else if (INLINE.has(child.tagName)) out += textOf(child);
    else out += `\n${textOf(child)}\n`;
  }
  return out;
}
