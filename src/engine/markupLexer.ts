import { Lexer, type MarkedOptions, type Token } from 'marked';
import { LruCache } from '../lruCache.js';

/**
 * Shortcut: a letter's markup lexed by a marked lexer that remembers the
 * inline tokens of the runs of text it has lexed (src/markup/parse.ts lexes
 * with it, part by part).
 *
 * Relies on (marked 18.2.1): `Lexer.inlineTokens(src, tokens)` being called
 * for every run of inline text, the lexer's `state.inLink`,
 * `state.inRawBlock` and `state.linkEmitted`, and `tokens.links` holding
 * the letter's reference definitions.
 */

/** Inline tokens of runs already lexed, by their text: room for every fixed paragraph and table cell of a few years' letters, and more. */
const remembered = new LruCache<string, Token[]>(2_000);

/**
 * The lexer, remembering the inline tokens of each run of text it has
 * lexed. Most paragraphs and table cells of a letter are the same in every
 * letter of its year, and inline lexing is half of what parsing costs.
 * A run's tokens depend only on its text when the lexer is outside links
 * and raw HTML and the letter defines no reference links; such runs are
 * remembered if lexing them leaves that state as it was and makes no link
 * (making one sets a flag a replay would not set). The tokens are shared
 * between letters: nothing here or in marked changes a token once made.
 */
class LetterLexer extends Lexer {
  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    if (!this.outsideLinks()) return super.inlineTokens(src, tokens);
    const known = remembered.get(src);
    if (known) {
      tokens.push(...known);
      return tokens;
    }
    const before = tokens.length;
    const linkBefore = this.state.linkEmitted;
    super.inlineTokens(src, tokens);
    if (this.outsideLinks() && !linkBefore && !this.state.linkEmitted) {
      // Copies: the run and its tokens' strings are slices of the whole letter's markup, and would keep it alive.
      remembered.set(structuredClone(src), structuredClone(tokens.slice(before)));
    }
    return tokens;
  }

  private outsideLinks(): boolean {
    return !this.state.inLink && !this.state.inRawBlock && isEmpty(this.tokens.links);
  }
}

function isEmpty(links: object): boolean {
  for (const _ in links) return false;
  return true;
}

let installed = false;

/** Lexes letter markup with the remembering lexer from now on, in this thread. */
export function install(): void {
  installed = true;
}

/** What src/markup/parse.ts makes a lexer with. */
export type MarkupLexer = new (options: MarkedOptions) => { lex(src: string): Token[] };

/** The lexer class to lex letter markup with: marked's own until `install()`. */
export function lexerClass(): MarkupLexer {
  return installed ? LetterLexer : Lexer;
}
