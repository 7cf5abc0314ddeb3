import type { Policy } from '../schema/policy-schema.js';

const CN_DIGITS = '一二三四五六七八九十';
const PAREN_CN = new RegExp(`^\\s*[（(]([${CN_DIGITS}]{1,3})[）)]`, 'gmu');
const ARABIC_DOT = /^\s*(\d{1,2})[.．](?!\d)/gmu;

/** "（十二）", "(十二)", "12." and "12" all become the bare item number. */
export function normaliseNumber(n: string): string {
  return n.replace(/[（()）.．\s]/g, '');
}

/** Every numbered item printed at the start of a line in the source, with how often it is printed. */
export function sourceItems(policy: Policy, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (n: string) => counts.set(n, (counts.get(n) ?? 0) + 1);
  if (policy.numbering.includes('paren_cn')) for (const m of text.matchAll(PAREN_CN)) add(m[1]!);
  if (policy.numbering.includes('arabic_dot')) for (const m of text.matchAll(ARABIC_DOT)) add(m[1]!);
  return counts;
}

/** Items printed in the source that no clause accounts for (the same number printed twice needs two sections). */
export function unaccountedItems(policy: Policy, text: string): string[] {
  const covered = new Map<string, Set<string>>();
  for (const c of policy.clauses) {
    const n = normaliseNumber(c.number);
    covered.set(n, (covered.get(n) ?? new Set()).add(c.section ?? ''));
  }
  const out: string[] = [];
  for (const [n, count] of sourceItems(policy, text)) {
    const have = covered.get(n)?.size ?? 0;
    if (have < count) out.push(count > 1 ? `${n} (×${count}, ${have} accounted)` : n);
  }
  return out;
}

/** Quotes are checked with white space removed: the sources break lines and pad numbers ("10 万元"). */
export function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}
