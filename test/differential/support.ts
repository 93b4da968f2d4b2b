import type { Token } from 'marked';

/**
 * What tokens mean, for comparing the caching, part-by-part lexer with marked's
 * own: blank-line `space` tokens left out and the newlines that end a `raw`
 * dropped (lexed part by part, a part does not hold the blank lines after it).
 */
export function meaning(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => !(isToken(item) && item.type === 'space')).map(meaning);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'raw' && typeof item === 'string' ? item.replace(/\n+$/, '') : meaning(item)]));
  }
  return value;
}

function isToken(value: unknown): value is Token {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** The types of tokens, nested ones in brackets after their parent: `paragraph[text link[text]]`. */
export function shape(tokens: Token[]): string {
  return tokens
    .filter((token) => token.type !== 'space')
    .map((token) => {
      const children = [...('tokens' in token && Array.isArray(token.tokens) ? token.tokens : []), ...('items' in token && Array.isArray(token.items) ? token.items : [])] as Token[];
      return children.length > 0 ? `${token.type}[${shape(children)}]` : token.type;
    })
    .join(' ');
}
