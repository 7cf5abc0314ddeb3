import { safeText } from '../i18n/safe-text.js';

/**
 * Display width in a terminal: CJK and full-width characters take two columns.
 * A small table of ranges is enough for policy text; cli-table3's own wrapping
 * measured 50–100 ms per table with Chinese cells, this is well under 1 ms.
 */
function columns(cp: number): number {
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

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += columns(ch.codePointAt(0)!);
  return w;
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
