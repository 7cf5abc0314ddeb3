import type { RuleSet } from './rule-set.js';

// The region tree of a rule set: pure functions over its regions, which input (the names people
// write), the engine (a region's chain of ancestors) and the features above all read.

// Every enterprise of a batch asks for its region's chain: worked out once per rule set and region.
const chains = new WeakMap<RuleSet, Map<string, readonly string[]>>();

/** The region and all its ancestors, nearest first (shared: not to be changed). */
export function regionChain(set: RuleSet, code: string): readonly string[] {
  let bySet = chains.get(set);
  if (!bySet) chains.set(set, (bySet = new Map()));
  let chain = bySet.get(code);
  if (!chain) bySet.set(code, (chain = Object.freeze(walkUp(set, code))));
  return chain;
}

function walkUp(set: RuleSet, code: string): string[] {
  const out: string[] = [];
  let cur: string | undefined = code;
  while (cur && !out.includes(cur)) {
    out.push(cur);
    cur = set.regions.get(cur)?.parent;
  }
  return out;
}

// Batch rows name a handful of regions thousands of times: each spelling is looked up once (up to a bound).
const resolved = new WeakMap<RuleSet, Map<string, string | undefined>>();
const RESOLVED_MAX = 4096;

/**
 * Finds a region by code, by its Chinese or English name, or by the start of its
 * Chinese name when only one region's name starts that way (兰溪 for 兰溪市, 莲都
 * for 莲都区): how people write places. A start shared by several (丽水: 丽水市,
 * 丽水市区, …) finds nothing; regionsStartingWith lists them for the message.
 */
export function resolveRegion(set: RuleSet, input: string): string | undefined {
  let bySet = resolved.get(set);
  if (!bySet) resolved.set(set, (bySet = new Map()));
  if (bySet.has(input)) return bySet.get(input);
  const code = findRegion(set, input);
  if (bySet.size < RESOLVED_MAX) bySet.set(input, code);
  return code;
}

function findRegion(set: RuleSet, input: string): string | undefined {
  const s = input.normalize('NFKC').trim();
  if (set.regions.has(s)) return s;
  for (const r of set.regions.values()) if (r.name === s || r.en.toLowerCase() === s.toLowerCase()) return r.code;
  const starts = regionsStartingWith(set, s);
  return starts.length === 1 ? starts[0] : undefined;
}

/** Short names are two characters or more: one character (临, 西) names too many places to be meant. */
const SHORT_MIN = 2;

/** The regions whose Chinese name starts with `input` (a short name), by code. */
export function regionsStartingWith(set: RuleSet, input: string): string[] {
  const s = input.normalize('NFKC').trim();
  if ([...s].length < SHORT_MIN) return [];
  const out: string[] = [];
  for (const r of set.regions.values()) if (r.name.startsWith(s)) out.push(r.code);
  return out;
}
