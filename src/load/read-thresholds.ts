import { coerceFactValue } from '../input/coerce-value.js';
import { fieldFact } from '../model/record-value.js';
import type { PathPart, RuleSet, Switch } from '../model/rule-set.js';
import { setAt, valueAt } from '../readings/switches.js';
import { Thresholds } from '../model/thresholds.js';
import type { Fact } from '../schema/fact-schema.js';

/**
 * Every comparison's threshold in a rule set, read as a value of its fact (or field) the way
 * the checks read it to accept the set: once, at load, for the policies as loaded and under
 * every choice of their readings. A literal that does not read is left out: the checks
 * refuse such a set, so nothing evaluates it.
 */
export function readThresholds(set: Pick<RuleSet, 'facts' | 'policies'>): Thresholds {
  const out = new Thresholds();
  for (const lp of set.policies) {
    walk(set.facts, lp.policy, undefined, out);
    for (const [prefix, switches] of byItem(lp.switches ?? [])) {
      // A switch may change a threshold, an operator or a fact: the item around it is read
      // again under each combination of its readings' options (as apply-readings.ts builds it).
      const item = valueAt(lp.policy, prefix);
      const list = listAt(lp.policy, prefix);
      for (const choice of combinations(switches)) {
        let node = item;
        for (const s of switches) node = setAt(node, s.path.slice(prefix.length), s.values[choice.get(s.reading)!]);
        walk(set.facts, node, list, out);
      }
    }
  }
  return out;
}

/** Switches grouped by the item of the policy they sit in (a clause, an exclusion; else the policy itself). */
function byItem(switches: readonly Switch[]): [PathPart[], Switch[]][] {
  const groups = new Map<string, [PathPart[], Switch[]]>();
  for (const s of switches) {
    const prefix = s.path.length > 2 ? s.path.slice(0, 2) : [];
    const key = JSON.stringify(prefix);
    const g = groups.get(key);
    if (g) g[1].push(s);
    else groups.set(key, [prefix, [s]]);
  }
  return [...groups.values()];
}

/** Every choice of options for the readings of some switches (a handful: an item has one or two readings). */
function combinations(switches: readonly Switch[]): Map<string, string>[] {
  let out: Map<string, string>[] = [new Map()];
  for (const reading of new Set(switches.map((s) => s.reading))) {
    const options = Object.keys(switches.find((s) => s.reading === reading)!.values);
    out = out.flatMap((c) => options.map((o) => new Map(c).set(reading, o)));
  }
  return out;
}

/**
 * Every comparison in a rule node: `{ fact, op, value }`, or `{ field, op, value }` inside an
 * each award, whose field belongs to the items of the innermost each around it (as the
 * engine reads it: src/engine/eval-each.ts).
 */
function walk(facts: Map<string, Fact>, node: unknown, list: string | undefined, out: Thresholds): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(facts, x, list, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const o = node as Record<string, unknown>;
  if (typeof o.op === 'string' && 'value' in o) compared(facts, o, list, out);
  const inner = itemsOf(o) ?? list;
  for (const [k, v] of Object.entries(o)) walk(facts, v, k === 'when' || k === 'award' ? inner : list, out);
}

/** The thresholds one comparison reads, as src/engine/eval-condition.ts compares them. */
function compared(facts: Map<string, Fact>, c: Record<string, unknown>, list: string | undefined, out: Thresholds): void {
  let def: Fact | undefined;
  let key: string;
  if (typeof c.fact === 'string') {
    def = facts.get(c.fact);
    key = c.fact;
  } else if (typeof c.field === 'string' && list !== undefined) {
    const items = facts.get(list);
    const field = items?.fields?.find((f) => f.id === c.field);
    def = items && field ? fieldFact(items, field) : undefined;
    key = `${list}.${c.field}`;
  } else return;
  if (!def) return;
  const raws = c.op === 'in' && Array.isArray(c.value) ? c.value : [c.value];
  const one = typeof c.fact === 'string' && def.type === 'enum_set' && c.op === 'has';
  const asRead = one ? { ...def, type: 'enum' as const } : def;
  for (const raw of raws) read(asRead, key, raw, one, out);
}

function read(def: Fact, key: string, raw: unknown, one: boolean, out: Thresholds): void {
  const r = coerceFactValue(def, raw);
  if (r.ok) out.set(key, raw, r.value, one);
}

/** The record list whose items an each award reads, when the node is one. */
function itemsOf(o: Record<string, unknown>): string | undefined {
  return o.kind === 'each' && typeof o.items === 'string' ? o.items : undefined;
}

/** The list of the innermost each award whose when or award holds `path` (a reading's switch). */
function listAt(root: unknown, path: readonly PathPart[]): string | undefined {
  let list: string | undefined;
  let node = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return list;
    const o = node as Record<PathPart, unknown>;
    const items = itemsOf(o as Record<string, unknown>);
    if (items !== undefined && (part === 'when' || part === 'award')) list = items;
    node = o[part];
  }
  return list;
}
