import type { Finding, Position } from '../errors/codes.js';
import type { Fact } from '../schema/fact-schema.js';
import type { Region } from '../schema/region-schema.js';
import type { Path } from '../rules/walk.js';

/** A fact with where it was written: its file's locator and its index in that file. */
export interface PlacedFact {
  fact: Fact;
  index: number;
  locate: (path: Path) => Position;
}

/** Names are compared the way input headers and keys are matched: NFKC, trimmed, case folded. */
const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/**
 * Every name a fact answers to (its id, its Chinese label, its aliases) belongs to one
 * fact only: a second claim would silently send an input column to the wrong fact.
 */
export function checkFactNames(facts: readonly PlacedFact[]): Finding[] {
  const out: Finding[] = [];
  const owner = new Map<string, string>();
  for (const { fact } of facts) owner.set(norm(fact.id), owner.get(norm(fact.id)) ?? fact.id);
  for (const { fact, index, locate } of facts) {
    const names: [string, Path][] = [
      [fact.label.zh, ['facts', index, 'label', 'zh']],
      ...fact.aliases.map((a, j): [string, Path] => [a, ['facts', index, 'aliases', j]]),
    ];
    for (const [name, path] of names) {
      const prior = owner.get(norm(name));
      if (prior !== undefined && prior !== fact.id) out.push({ code: 'RULE_NAME_CLASH', args: { name, fact: fact.id, other: prior }, ...locate(path) });
      else owner.set(norm(name), fact.id);
    }
  }
  return out;
}

/** Region codes are unique, every parent exists, and following parents always ends at a root. */
export function checkRegions(regions: readonly Region[], locate: (path: Path) => Position): Finding[] {
  const out: Finding[] = [];
  const byCode = new Map<string, Region>();
  regions.forEach((r, i) => {
    if (byCode.has(r.code)) out.push({ code: 'RULE_DUPLICATE_ID', args: { id: r.code }, ...locate(['regions', i, 'code']) });
    else byCode.set(r.code, r);
  });
  const reported = new Set<string>();
  regions.forEach((r, i) => {
    if (r.parent === undefined) return;
    if (!byCode.has(r.parent)) return void out.push({ code: 'RULE_UNKNOWN_REGION', args: { region: r.parent }, ...locate(['regions', i, 'parent']) });
    const chain = [r.code];
    for (let cur = byCode.get(r.parent); cur; cur = cur.parent === undefined ? undefined : byCode.get(cur.parent)) {
      if (cur.code === r.code) {
        // One finding per cycle, at the first of its regions in the file.
        if (!chain.some((c) => reported.has(c)))
          out.push({ code: 'RULE_REGION_CYCLE', args: { chain: [...chain, r.code].join(' → ') }, ...locate(['regions', i, 'parent']) });
        chain.forEach((c) => reported.add(c));
        break;
      }
      if (chain.includes(cur.code)) break; // a cycle further up: reported from one of its own members
      chain.push(cur.code);
    }
  });
  return out;
}

/** A region and its ancestors, nearest first, stopping at a cycle. */
export function ancestry(regions: ReadonlyMap<string, Region>, code: string): string[] {
  const out: string[] = [];
  for (let cur: string | undefined = code; cur !== undefined && !out.includes(cur); cur = regions.get(cur)?.parent) out.push(cur);
  return out;
}
