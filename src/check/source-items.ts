import type { NumberingStyle, Policy } from '../schema/policy-schema.js';

const CN = '一二三四五六七八九十百零〇';

/** How each numbering style is printed at the start of a line, and how it is written canonically. */
const STYLES: Record<NumberingStyle, { line: RegExp; whole: RegExp; print: (n: string) => string }> = {
  cn_comma: { line: new RegExp(`^\\s*([${CN}]{1,4})、`), whole: new RegExp(`^([${CN}]{1,4})、$`), print: (n) => `${n}、` },
  paren_cn: { line: new RegExp(`^\\s*[（(]([${CN}]{1,4})[）)]`), whole: new RegExp(`^[（(]([${CN}]{1,4})[）)]$`), print: (n) => `（${n}）` },
  arabic_dot: { line: /^\s*(\d{1,2})[.．](?!\d)/, whole: /^(\d{1,3})[.．]$/, print: (n) => `${n}.` },
  paren_arabic: { line: /^\s*[（(](\d{1,2})[）)]/, whole: /^[（(](\d{1,3})[）)]$/, print: (n) => `（${n}）` },
  article: { line: new RegExp(`^\\s*第([${CN}]{1,4})条`), whole: new RegExp(`^第([${CN}]{1,4})条$`), print: (n) => `第${n}条` },
};
const ALL_STYLES = Object.keys(STYLES) as NumberingStyle[];

/** A numbered item as printed in a source text. */
export interface SourceItem {
  style: NumberingStyle;
  /** The number as printed, canonically: （一）, 一、, 1., （1）, 第一条. */
  key: string;
  /** 1-based line of the marker. */
  line: number;
  /** The marker as printed: (一), （一）, 1., 一、 */
  printed: string;
  /** The line after the marker. */
  head: string;
  /** Text from the marker to the next numbered line, one entry per non-empty line. */
  paragraphs: string[];
  /** Index of the item this one is nested in (一、 → （一） → 1.), by the order styles first appear. */
  parent?: number;
  /** Whether the item's style is one the policy declares (only those are counted by coverage). */
  counted: boolean;
}

function styleOfLine(line: string): [NumberingStyle, string, number] | undefined {
  for (const s of ALL_STYLES) {
    const m = STYLES[s].line.exec(line);
    if (m) return [s, STYLES[s].print(m[1]!), m[0].length];
  }
  return undefined;
}

// Lines that end a document's body: the date under a signature, the publication note, the copy list.
const END_OF_BODY = /^\s*(\d{4}年\d{1,2}月\d{1,2}日\s*$|（此件公开发布）|抄送[：:])/;

/** Lines where the body ends: a signature's date, the publication note, and the issuer's name just above a date. */
function bodyEnds(lines: string[]): Set<number> {
  const ends = new Set<number>();
  lines.forEach((l, i) => {
    if (!END_OF_BODY.test(l)) return;
    ends.add(i);
    let j = i - 1;
    while (j >= 0 && !lines[j]!.trim()) j--;
    if (j >= 0 && /^\s*\d{4}年/.test(l) && lines[j]!.trim().length <= 20 && !/[。，；：]/.test(lines[j]!)) ends.add(j);
  });
  return ends;
}

/**
 * The outline of a source text: every line that starts with a numbering marker of any
 * style, nested by the order in which styles first appear (一、 then （一） then 1.).
 */
export function outline(text: string, declared: readonly NumberingStyle[] = ALL_STYLES): SourceItem[] {
  const lines = text.split(/\r?\n/);
  const ends = bodyEnds(lines);
  const items: SourceItem[] = [];
  const rank = new Map<NumberingStyle, number>();
  const stack: number[] = [];
  let open: SourceItem | undefined;
  lines.forEach((raw, i) => {
    const hit = styleOfLine(raw);
    if (!hit) {
      if (ends.has(i)) open = undefined;
      else if (open && raw.trim()) open.paragraphs.push(raw.trim());
      return;
    }
    const [style, key, len] = hit;
    if (!rank.has(style)) rank.set(style, rank.size);
    while (stack.length && rank.get(items[stack.at(-1)!]!.style)! >= rank.get(style)!) stack.pop();
    const head = raw.slice(len).trim();
    open = {
      style,
      key,
      line: i + 1,
      printed: raw.slice(0, len).trim(),
      head,
      paragraphs: head ? [head] : [],
      parent: stack.at(-1),
      counted: declared.includes(style),
    };
    stack.push(items.push(open) - 1);
  });
  return items;
}

/** The numbered items a policy's numbering finds in its source, with how often each number is printed. */
export function sourceItems(policy: Pick<Policy, 'numbering'>, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const it of outline(text, policy.numbering)) if (it.counted) counts.set(it.key, (counts.get(it.key) ?? 0) + 1);
  return counts;
}

/** Declared styles that match no line of the source. */
export function unmatchedStyles(policy: Pick<Policy, 'numbering'>, text: string): NumberingStyle[] {
  const seen = new Set(outline(text, policy.numbering).map((it) => it.style));
  return policy.numbering.filter((s) => !seen.has(s));
}

/**
 * A clause number as written in a rule ('4', '(三)', '（十三）', '一、', '第三条') in the
 * canonical form of the style it belongs to. A bare number takes the one declared style
 * that prints numbers of its kind; undefined when that is ambiguous or not a number at all.
 */
export function canonicalNumber(raw: string, numbering: readonly NumberingStyle[]): string | undefined {
  const s = raw.trim();
  for (const style of ALL_STYLES) {
    const m = STYLES[style].whole.exec(s);
    if (m) return STYLES[style].print(m[1]!);
  }
  const arabic = /^\d{1,3}$/.test(s);
  const chinese = new RegExp(`^[${CN}]{1,4}$`).test(s);
  if (!arabic && !chinese) return undefined;
  const fits = numbering.filter((st) => (arabic ? st === 'arabic_dot' || st === 'paren_arabic' : st === 'cn_comma' || st === 'paren_cn' || st === 'article'));
  return fits.length === 1 ? STYLES[fits[0]!].print(s) : undefined;
}

/** "（十二）", "(十二)", "12." and "12" all become the bare item number (kept for callers that print numbers). */
export function normaliseNumber(n: string): string {
  return n.replace(/[（()）.．、\s]/g, '');
}

/** How a style is printed, for messages: （一）, 一、, 1., （1）, 第一条. */
export function styleExample(style: NumberingStyle): string {
  return STYLES[style].print(style === 'arabic_dot' || style === 'paren_arabic' ? '1' : '一');
}

/**
 * Whether a clause or exclusion number names something printed in the source: a numbered
 * item of any style, or the title of a heading (八、附则 → 附则) for unnumbered paragraphs.
 */
export function numberInSource(raw: string, numbering: readonly NumberingStyle[], items: readonly SourceItem[]): boolean {
  const key = canonicalNumber(raw, numbering);
  if (key !== undefined) return items.some((it) => it.key === key);
  const title = raw.trim();
  return items.some((it) => it.head.replace(/[。：:]$/, '') === title);
}

/** Items printed in the source that no clause accounts for (the same number printed twice needs two sections). */
export function unaccountedItems(policy: Pick<Policy, 'numbering' | 'clauses'>, text: string): string[] {
  const covered = new Map<string, Set<string>>();
  for (const c of policy.clauses) {
    const n = canonicalNumber(c.number, policy.numbering) ?? c.number.trim();
    covered.set(n, (covered.get(n) ?? new Set()).add(c.section ?? ''));
  }
  const out: string[] = [];
  for (const [n, count] of sourceItems(policy, text)) {
    const have = covered.get(n)?.size ?? 0;
    if (have < count) out.push(count > 1 ? `${n} (×${count}, ${have})` : n);
  }
  return out;
}

/** Quotes are checked with white space removed: the sources break lines and pad numbers ("10 万元"). */
export function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}

/** 一 → 1, 十三 → 13, 二十一 → 21 (for ids; numbers up to 999). */
export function cnToInt(s: string): number | undefined {
  const d: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch in d) cur = d[ch]!;
    else if (ch === '十') (total += (cur || 1) * 10), (cur = 0);
    else if (ch === '百') (total += (cur || 1) * 100), (cur = 0);
    else return undefined;
  }
  return total + cur;
}
