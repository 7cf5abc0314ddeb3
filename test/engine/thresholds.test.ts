import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { coerceFactValue } from '../../src/input/coerce-value.js';
import { loadRules } from '../../src/load/load-rules.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { readThresholds } from '../../src/load/read-thresholds.js';
import { fieldFact } from '../../src/model/record-value.js';
import { Thresholds } from '../../src/model/thresholds.js';
import { Decimal } from '../../src/money/decimal.js';
import type { RuleSet } from '../../src/model/rule-set.js';
import { withReadings } from '../../src/readings/apply-readings.js';
import { enterprise, ruleSetWith, shippedRules } from '../helpers/mini-rules.js';
import { copyWithSixthPolicy } from '../helpers/sixth-policy.js';

/**
 * A rule's thresholds are read once, at load (src/load/read-thresholds.ts), and the engine
 * only looks them up. Held here against the way the engine meets them: the rule set as
 * src/readings/apply-readings.ts builds it under chosen readings, walked node by node.
 */
const set = shippedRules();

interface Comparison {
  key: string;
  raw: unknown;
  one: boolean;
  def: Parameters<typeof coerceFactValue>[0];
}

/** Every comparison of a set, as the engine would look its threshold up (see eval-condition.ts). */
function comparisonsOf(s: RuleSet): Comparison[] {
  const out: Comparison[] = [];
  const visit = (node: unknown, list?: string): void => {
    if (Array.isArray(node)) return node.forEach((x) => visit(x, list));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (typeof o.op === 'string' && 'value' in o) {
      const raws = o.op === 'in' && Array.isArray(o.value) ? o.value : [o.value];
      if (typeof o.fact === 'string') {
        const def = s.facts.get(o.fact)!;
        const one = def.type === 'enum_set' && o.op === 'has';
        for (const raw of raws) out.push({ key: o.fact, raw, one, def: one ? { ...def, type: 'enum' } : def });
      } else if (typeof o.field === 'string' && list) {
        const items = s.facts.get(list)!;
        const def = fieldFact(items, items.fields!.find((f) => f.id === o.field)!);
        for (const raw of raws) out.push({ key: `${list}.${o.field}`, raw, one: false, def });
      }
    }
    const inner = o.kind === 'each' && typeof o.items === 'string' ? o.items : list;
    for (const [k, v] of Object.entries(o)) visit(v, k === 'when' || k === 'award' ? inner : list);
  };
  for (const lp of s.policies) visit(lp.policy);
  return out;
}

const shown = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'object' && x?.constructor?.name === 'Decimal' ? `D${x}` : x));

function expectAllRead(s: RuleSet): number {
  const found = comparisonsOf(s);
  for (const c of found) {
    const want = coerceFactValue(c.def, c.raw);
    expect(want.ok, `${c.key} ${shown(c.raw)}`).toBe(true);
    expect(shown(s.thresholds.get(c.key, c.raw, c.one)), `${c.key} ${shown(c.raw)}`).toBe(shown(want.ok ? want.value : undefined));
  }
  return found.length;
}

describe('thresholds read at load', () => {
  it('hold every comparison of the loaded set, read as a value of its fact or field', () => {
    const n = expectAllRead(set);
    // Counted from the set itself, so that the check cannot pass by finding nothing.
    expect(n).toBeGreaterThan(0);
  });

  it('hold the comparisons on fields of the items of a record list (the synthetic sixth policy), validated or from the cache', async () => {
    const { dir, rules } = copyWithSixthPolicy();
    try {
      const s = loadRulesSync(rules);
      expectAllRead(s);
      expect(comparisonsOf(s).filter((c) => c.key.includes('.')).length).toBeGreaterThan(0);
      // The cache keeps the literals, not the walk: a set read back from it holds the same thresholds.
      await loadRules(rules);
      const cached = await loadRules(rules);
      expect(cached.thresholds.size).toBe(s.thresholds.size);
      expectAllRead(cached);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hold every comparison under every option of every reading, one reading at a time', () => {
    let variants = 0;
    for (const r of set.readings)
      for (const o of r.options) {
        const s = withReadings(set, { [r.id]: o.id });
        if (s.policies.some((p, i) => p !== set.policies[i])) variants++;
        expectAllRead(s);
      }
    expect(variants).toBeGreaterThan(0);
  });

  it('hold every comparison under any choice of all the readings at once', () => {
    const choice = fc.record(Object.fromEntries(set.readings.map((r) => [r.id, fc.constantFrom(...r.options.map((o) => o.id))])));
    fc.assert(
      fc.property(choice, (chosen) => {
        expectAllRead(withReadings(set, chosen));
      }),
      { numRuns: 40 },
    );
  });

  it('are the same whether the set was validated or taken from the cache', async () => {
    const cached = await loadRules();
    const fresh = await loadRules(undefined, undefined, { fresh: true });
    const keys = (s: RuleSet) => comparisonsOf(s).map((c) => `${c.key} ${shown(c.raw)} ${c.one} ${shown(s.thresholds.get(c.key, c.raw, c.one))}`);
    expect(keys(cached)).toEqual(keys(fresh));
    expect(cached.thresholds.size).toBe(fresh.thresholds.size);
  });

  it('hold the thresholds of `in` (each listed value) and of `has` on a set (one choice)', () => {
    const when = {
      all: [
        { fact: 'entity_kinds', op: 'has', value: 'ecommerce_enterprise' },
        { fact: 'demo_title_level', op: 'in', value: ['national', 'provincial'] },
      ],
    };
    const own = ruleSetWith([{ id: 'test/x', number: '1', title: 't', quote: 'test quote', status: 'computable', when, award: { kind: 'fixed', amount: 1 } }]);
    expect(expectAllRead(own)).toBeGreaterThanOrEqual(3);
    const status = (kinds: string[], level: string) =>
      evaluate(own, enterprise(own, { entity_kinds: kinds, demo_title_level: level })).policies[0]!.clauses[0]!.status;
    expect(status(['ecommerce_enterprise'], 'provincial')).toBe('eligible');
    expect(status(['ecommerce_enterprise'], 'city')).toBe('not_eligible');
    expect(status(['park_operator'], 'national')).toBe('not_eligible');
  });

  it('are the only way the engine reads a threshold: one not read at load is a bug, said loudly', () => {
    const own = ruleSetWith([
      {
        id: 'test/x',
        number: '1',
        title: 't',
        quote: 'test quote',
        status: 'computable',
        when: { fact: 'online_sales', op: '>=', value: '123万' },
        award: { kind: 'fixed', amount: 1 },
      },
    ]);
    const ent = enterprise(own, { online_sales: '200万' });
    expect(evaluate(own, ent).policies[0]!.clauses[0]!.status).toBe('eligible');
    // The same policy with the shipped set's thresholds, which never read 123万: refused, not read on the fly.
    const stale: RuleSet = { ...own, thresholds: set.thresholds };
    expect(() => evaluate(stale, ent)).toThrow(/not read at load: online_sales "123万"/);
    expect(readThresholds(own).get('online_sales', '123万')?.toString()).toBe('1230000');
  });
});

describe('a threshold recorded at load and read when first compared with', () => {
  it('is read once, the same value every time; one that does not read is a bug when compared, never a guess', () => {
    const t = new Thresholds();
    let reads = 0;
    t.set('online_sales', '500万', () => {
      reads++;
      return { value: new Decimal(5_000_000) };
    });
    t.set('online_sales', 'abc', () => undefined);
    expect(t.has('online_sales', '500万')).toBe(true);
    expect(reads).toBe(0);
    expect(t.get('online_sales', '500万')?.toString()).toBe('5000000');
    expect(t.get('online_sales', '500万')?.toString()).toBe('5000000');
    expect(reads).toBe(1);
    expect(() => t.get('online_sales', 'abc')).toThrow(/not read at load: online_sales "abc"/);
    expect(() => t.get('online_sales', 'abc')).toThrow(/not read at load/);
  });

  it('a set read lazily compares exactly as one whose every threshold was read first', () => {
    const lazy = readThresholds(set);
    const eager = readThresholds(set);
    for (const c of comparisonsOf(set)) eager.get(c.key, c.raw, c.one);
    for (const c of comparisonsOf(set)) expect(shown(lazy.get(c.key, c.raw, c.one))).toBe(shown(eager.get(c.key, c.raw, c.one)));
  });
});
