import type { RuleSet } from '../load/load-rules.js';

/** The region and all its ancestors, nearest first. */
export function regionChain(set: RuleSet, code: string): string[] {
  const out: string[] = [];
  let cur: string | undefined = code;
  while (cur && !out.includes(cur)) {
    out.push(cur);
    cur = set.regions.get(cur)?.parent;
  }
  return out;
}

/** Finds a region by code or by its Chinese or English name. */
export function resolveRegion(set: RuleSet, input: string): string | undefined {
  const s = input.normalize('NFKC').trim();
  if (set.regions.has(s)) return s;
  for (const r of set.regions.values()) if (r.name === s || r.en.toLowerCase() === s.toLowerCase()) return r.code;
  return undefined;
}
