import { coerceFactValue } from '../input/coerce-value.js';
import { fieldFact } from '../model/record-value.js';
import type { PathPart, RuleSet, Switch } from '../model/rule-set.js';
import { Thresholds } from '../model/thresholds.js';
import { setAt, valueAt } from '../readings/switches.js';
import type { Fact } from '../schema/fact-schema.js';
import type { Award, Clause, Condition, Policy } from '../schema/policy-schema.js';

type Facts = ReadonlyMap<string, Fact>;

/**
 * Every comparison's threshold in a rule set, read as a value of its fact (or field) the way
 * the checks read it to accept the set: recorded at load, for the policies as loaded and under
 * every choice of their readings, and read when first compared with (model/thresholds.ts). A
 * literal that does not read is refused by the checks, so nothing evaluates it. The walk runs
 * when a set is checked (a cached set keeps its literals), and visits only where comparisons
 * can be: exclusions, and each clause's when and award.
 */
export function readThresholds(set: Pick<RuleSet, 'facts' | 'policies'>): Thresholds {
  return thresholdsOf(set.facts, thresholdLiterals(set));
}

/**
 * A comparison's threshold as written: what it compares (a fact, or `field` of the items of
 * the record list `fact`), the literal, and `one` for `has` on a set of choices. Plain data,
 * so the rule cache keeps the list and a start-up builds the thresholds without the walk.
 */
export interface ThresholdLiteral {
  fact: string;
  field?: string;
  raw: unknown;
  one?: true;
}

/** Every threshold literal of the set, once each: the walk readThresholds makes. */
export function thresholdLiterals(set: Pick<RuleSet, 'facts' | 'policies'>): ThresholdLiteral[] {
  const out = new Literals();
  for (const lp of set.policies) {
    policy(set.facts, lp.policy, out);
    for (const [prefix, switches] of byItem(lp.switches ?? [])) {
      // A switch may change a threshold, an operator or a fact: the item around it is read
      // again under each combination of its readings' options (as apply-readings.ts builds it).
      const root: unknown = prefix.length ? valueAt(lp.policy, prefix) : lp.policy;
      for (const choice of combinations(switches)) {
        let node = root;
        for (const s of switches) node = setAt(node, s.path.slice(prefix.length), s.values[choice.get(s.reading)!]);
        if (!prefix.length) policy(set.facts, node as Policy, out);
        else if (prefix[0] === 'clauses') clause(set.facts, node as Clause, out);
        else condition(set.facts, (node as Policy['exclusions'][number]).when, undefined, out);
      }
    }
  }
  return out.list;
}

/**
 * The thresholds of the literals, each read as a value of its fact when first compared with
 * (a literal that does not read stays unread: a bug if compared). A literal whose fact or field
 * the dictionary lacks is left out, as the walk leaves it.
 */
export function thresholdsOf(facts: Facts, literals: readonly ThresholdLiteral[]): Thresholds {
  const out = new Thresholds();
  for (const { fact, field, raw, one } of literals) {
    const def = definition(facts, fact, field);
    if (!def) continue;
    const as = one ? { ...def, type: 'enum' as const } : def;
    out.set(
      field === undefined ? fact : `${fact}.${field}`,
      raw,
      () => {
        const r = coerceFactValue(as, raw);
        return r.ok ? { value: r.value } : undefined;
      },
      one,
    );
  }
  return out;
}

function definition(facts: Facts, fact: string, field: string | undefined): Fact | undefined {
  if (field === undefined) return facts.get(fact);
  const items = facts.get(fact);
  const f = items?.fields?.find((x) => x.id === field);
  return items && f ? fieldFact(items, f) : undefined;
}

/** The literals found so far, each once (a literal told apart as Thresholds tells it: a list by its contents). */
class Literals {
  readonly list: ThresholdLiteral[] = [];
  private readonly seen = new Map<string, Set<unknown>>();
  add(l: ThresholdLiteral): void {
    const at = `${l.one ? 1 : 0}${l.fact}.${l.field ?? ''}`;
    let raws = this.seen.get(at);
    if (!raws) this.seen.set(at, (raws = new Set()));
    const raw = typeof l.raw === 'object' && l.raw !== null ? `\0${JSON.stringify(l.raw)}` : l.raw;
    if (raws.has(raw)) return;
    raws.add(raw);
    this.list.push(l);
  }
}

function policy(facts: Facts, p: Policy, out: Literals): void {
  for (const ex of p.exclusions ?? []) condition(facts, ex.when, undefined, out);
  for (const c of p.clauses ?? []) clause(facts, c, out);
}

function clause(facts: Facts, c: Clause, out: Literals): void {
  if (c.when) condition(facts, c.when, undefined, out);
  if (c.award) award(facts, c.award, undefined, out);
}

/** The conditions inside an award; a field belongs to the items of the innermost each around it (src/engine/eval-each.ts). */
function award(facts: Facts, a: Award, list: string | undefined, out: Literals): void {
  if (a.kind === 'sum' || a.kind === 'max') for (const p of a.parts) award(facts, p, list, out);
  else if (a.kind === 'cases') {
    for (const c of a.cases) {
      condition(facts, c.when, list, out);
      award(facts, c.award, list, out);
    }
    if (a.otherwise) award(facts, a.otherwise, list, out);
  } else if (a.kind === 'each') {
    if (a.when) condition(facts, a.when, a.items, out);
    award(facts, a.award, a.items, out);
  }
}

function condition(facts: Facts, c: Condition, list: string | undefined, out: Literals): void {
  if ('all' in c) for (const x of c.all) condition(facts, x, list, out);
  else if ('any' in c) for (const x of c.any) condition(facts, x, list, out);
  else if ('not' in c) condition(facts, c.not, list, out);
  else if (!('expr' in c)) compared(facts, c, list, out);
}

/** The thresholds one comparison reads, as src/engine/eval-condition.ts compares them. */
function compared(
  facts: Facts,
  c: Exclude<Condition, { expr: unknown } | { all: unknown } | { any: unknown } | { not: unknown }>,
  list: string | undefined,
  out: Literals,
): void {
  let fact: string;
  let field: string | undefined;
  if ('fact' in c) fact = c.fact;
  else if (list !== undefined) [fact, field] = [list, c.field];
  else return;
  const def = definition(facts, fact, field);
  if (!def) return;
  const one = 'fact' in c && def.type === 'enum_set' && c.op === 'has';
  const raws = c.op === 'in' && Array.isArray(c.value) ? c.value : [c.value];
  for (const raw of raws) out.add({ fact, ...(field === undefined ? {} : { field }), raw, ...(one ? { one } : {}) });
}

/**
 * Switches grouped by the clause or exclusion they sit in; a switch elsewhere in a policy can
 * hold no comparison, unless it replaces clauses or exclusions whole (the policy is read again).
 */
function byItem(switches: readonly Switch[]): [PathPart[], Switch[]][] {
  const groups = new Map<string, [PathPart[], Switch[]]>();
  for (const s of switches) {
    const [head] = s.path;
    if (head !== 'clauses' && head !== 'exclusions') continue;
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
