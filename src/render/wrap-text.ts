import { safeText } from '../i18n/safe-text.js';

/**
 * Display width in a terminal: CJK and full-width characters take two columns.
 * A small table of ranges is enough for policy text; cli-table3's own wrapping
 * measured 50–100 ms per table with Chinese cells, this is well under 1 ms.
 */
export function columns(cp: number): number {
  if (cp < 0x1100) return 1;
  return cp <= 0x115f ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
    ? 2
    : 1;
}

/** Marks that close a phrase or a bracket: Chinese typesetting never starts a line with one. */
const CLOSING = /^[，。、；：！？）》」』】〕”’]$/u;

// The same ranges as columns(), for counting with the regular expression engine.
const WIDE = /[\u{1100}-\u{115f}\u{2e80}-\u{a4cf}\u{ac00}-\u{d7a3}\u{f900}-\u{faff}\u{fe30}-\u{fe4f}\u{ff00}-\u{ff60}\u{ffe0}-\u{ffe6}\u{20000}-\u{3fffd}]/gu;
const PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;
const NARROW_ONLY = /^[\x00-\u10ff]*$/;
// Without surrogates: runs of wide characters, taken out in one replace (no string per character).
const WIDE_RUNS = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/g;
const SURROGATE = /[\ud800-\udfff]/;

/**
 * columns() summed over the code points of s. Counted by regular expressions rather than a loop
 * over the characters: the renderers measure every cell and every line of a table, and a loop that
 * hot is what V8 sends to its optimising compiler, a background job that a 0.2 s `calc` then waits
 * for at exit (5-9 ms on this project's 2-core machine). A property test holds it to the loop.
 */
export function displayWidth(s: string): number {
  if (NARROW_ONLY.test(s)) return s.length;
  // Each character is one column, and each wide one a second: length + wide = 2 × length − narrow.
  if (!SURROGATE.test(s)) return 2 * s.length - s.replace(WIDE_RUNS, '').length;
  // A surrogate pair is one character; a lone surrogate counts as one, as in the loop.
  return s.length - (s.match(PAIR)?.length ?? 0) + (s.match(WIDE)?.length ?? 0);
}

/** Breaks text into lines of at most `width` columns, at spaces where it can, anywhere in CJK; control characters shown escaped. */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const para of safeText(text).split('\n')) {
    let line = '';
    let w = 0;
    for (const word of para.split(/(?<= )/)) {
      const ww = displayWidth(word);
      if (w + ww <= width) {
        line += word;
        w += ww;
        continue;
      }
      // A Latin word (a fact id) that fits on a line of its own moves there whole.
      if (ww <= width && /^[\x21-\x7e]+ ?$/.test(word) && line) {
        out.push(line.trimEnd());
        line = word;
        w = ww;
        continue;
      }
      for (const ch of word) {
        const cw = columns(ch.codePointAt(0)!);
        if (w + cw > width && line) {
          // A closing mark (，。）、 …) does not start a line: the character before it goes down with it.
          const chars = [...line];
          let keep = chars.length;
          if (CLOSING.test(ch)) {
            while (keep > 0 && CLOSING.test(chars[keep - 1]!)) keep--;
            keep = keep > 1 ? keep - 1 : chars.length;
          }
          const carry = chars.slice(keep).join('');
          out.push(chars.slice(0, keep).join('').trimEnd());
          line = carry;
          w = displayWidth(carry);
        }
        if (ch === ' ' && !line) continue;
        line += ch;
        w += cw;
      }
    }
    out.push(line.trimEnd());
  }
  return out.join('\n');
}
