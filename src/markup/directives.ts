import type { TokenizerExtension, Tokens } from 'marked';

/**
 * Two directive forms extend Markdown for letters (the names follow the
 * generic-directives proposal that remark-directive also implements):
 *
 *   ::name args           a leaf on its own line (::section statistics, ::signature)
 *   :::name args          a container, closed by a line of the same colons;
 *   …                     containers nest when the outer one has more colons
 *   :::
 */
export interface DirectiveToken extends Tokens.Generic {
  type: 'directive';
  kind: 'leaf' | 'container';
  name: string;
  args: string;
  /** A container's blocks, lexed as Markdown (empty for a leaf). */
  tokens: Tokens.Generic[];
}

const CONTAINER = /^(:{3,})[ \t]*([a-z][a-z-]*)([^\n]*)\n([\s\S]*?)\n?\1[ \t]*(?:\n+|$)/;
const LEAF = /^::([a-z][a-z-]*)([^\n]*)(?:\n+|$)/;

export const directiveExtension: TokenizerExtension = {
  name: 'directive',
  level: 'block',
  start(src: string) {
    const match = /(?:^|\n)::/.exec(src);
    if (!match) return undefined;
    return match[0].startsWith('\n') ? match.index + 1 : match.index;
  },
  tokenizer(src: string) {
    const container = CONTAINER.exec(src);
    if (container) {
      const [raw, , name = '', args = '', inner = ''] = container;
      const token: DirectiveToken = {
        type: 'directive',
        kind: 'container',
        raw,
        name,
        args: args.trim(),
        tokens: [],
      };
      this.lexer.blockTokens(inner, token.tokens);
      return token;
    }
    const leaf = LEAF.exec(src);
    if (leaf) {
      const [raw, name = '', args = ''] = leaf;
      return { type: 'directive', kind: 'leaf', raw, name, args: args.trim(), tokens: [] };
    }
    return undefined;
  },
};
