import fc from 'fast-check';
import { join } from 'node:path';
import { DEFAULT_RULES_DIR, type RuleSet } from '../../src/load/load-rules.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import type { Fact } from '../../src/schema/fact-schema.js';
import { parseAmount } from '../../src/money/parse-amount.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { fieldFact } from '../../src/model/record-value.js';
import { historyUses, type HistoryUse } from '../../src/input/read-history-entry.js';
import type { Enterprise } from '../../src/engine/types.js';

/** The shipped rules with the illustrative regime file, so that every policy's awards get split. */
export function shippedWithRegime(): RuleSet {
  return loadRulesSync(DEFAULT_RULES_DIR, join(DEFAULT_RULES_DIR, 'regimes', 'illustrative.yaml'));
}

/** A fact's plausible range as numbers (the dictionary writes "1000亿"). */
function rangeOf(f: Fact): [number, number] {
  const num = (v: number | string | undefined, dflt: number) => (v === undefined ? dflt : typeof v === 'number' ? v : parseAmount(v)!.value.toNumber());
  return [num(f.range?.min, 0), num(f.range?.max, 1e12)];
}

/** Money in fen, as a yuan string: mostly the sizes the policies' thresholds use, sometimes tiny or huge. */
export function yuan(max = 1e12): fc.Arbitrary<string> {
  const fen = fc.oneof(
    fc.integer({ min: 0, max: 100_000_00 }),
    fc.integer({ min: 0, max: Math.min(5_000_000_000_00, max * 100) }),
    fc.bigInt({ min: 0n, max: BigInt(Math.round(max)) * 100n }).map(Number),
  );
  return fen.map((f) => (Math.min(f, max * 100) / 100).toFixed(2));
}

/** What a person could type for one fact, inside its plausible range. */
export function factValue(f: Fact): fc.Arbitrary<unknown> {
  const [min, max] = rangeOf(f);
  const ids = (f.values ?? []).map((v) => v.id);
  switch (f.type) {
    case 'boolean':
      return fc.constantFrom(true, false, '是', '否');
    case 'enum':
      return fc.constantFrom(...ids);
    case 'enum_set':
      return fc.subarray(ids, { minLength: 1 });
    case 'money_list':
      return fc.array(yuan(1e8), { minLength: 0, maxLength: 4 });
    case 'record_list': {
      // Items as a YAML list of mappings, each with its own name (names tell items apart) and every field.
      const fields = Object.fromEntries((f.fields ?? []).map((x) => [x.id, factValue(fieldFact(f, x))]));
      return fc.array(fc.record(fields), { maxLength: 3 }).map((items) => items.map((item, i) => ({ name: `项目${i + 1}`, ...item })));
    }
    case 'money_cny':
    case 'money_usd':
      return yuan(max);
    case 'count':
    case 'months':
      return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, 2 ** 31)) });
    case 'ratio':
      return fc.integer({ min: Math.round(min * 10000), max: Math.round(Math.min(max, 3) * 10000) }).map((n) => n / 10000);
    default:
      return fc.integer({ min: Math.ceil(min * 100), max: Math.floor(Math.min(max, 1e9) * 100) }).map((n) => n / 100);
  }
}

/** A random but valid enterprise record for a rule set: a region some policy covers, a year, some facts and history. */
export function enterpriseRecord(set: RuleSet): fc.Arbitrary<Record<string, unknown>> {
  const facts = [...set.facts.values()].filter((f) => f.type !== 'date');
  const regions = [...new Set(set.policies.flatMap((p) => p.policy.applies_to))].flatMap((code) => [
    code,
    ...[...set.regions.values()].filter((r) => r.parent === code).map((r) => r.code),
  ]);
  // Most facts given (a blank leaves clauses needing data), disqualifiers mostly "no" (or every clause is excluded).
  const disqualifiers = new Map(
    set.policies.flatMap((p) => p.policy.exclusions.flatMap((e) => ('fact' in e.when ? [[e.when.fact, e.when.value] as const] : []))),
  );
  const valueFor = (f: Fact) => {
    if (!disqualifiers.has(f.id)) return fc.option(factValue(f), { freq: 4 });
    const hit = disqualifiers.get(f.id);
    return typeof hit === 'boolean' ? fc.oneof({ arbitrary: fc.constant(!hit), weight: 19 }, { arbitrary: fc.constant(hit), weight: 1 }) : factValue(f);
  };
  const factRecord = fc.tuple(...facts.map(valueFor)).map((vs) => Object.fromEntries(vs.flatMap((v, i) => (v === null ? [] : [[facts[i]!.id, v]]))));
  // History only where a clause's rule reads it, with values it can mean (a tier threshold, a level of its fact).
  const uses = [...historyUses(set).values()].filter((u) => u.accepted.length);
  const historyEntry = (u: HistoryUse) =>
    fc.record(
      {
        paid_total: yuan(1e7),
        years_paid: fc.integer({ min: 0, max: 5 }),
        times_paid: fc.integer({ min: 0, max: 3 }),
        ...(u.tiers.length ? { highest_tier: fc.constantFrom(...u.tiers.map((t) => t.text)) } : {}),
        ...(u.levelFacts.length ? { level: fc.constantFrom(...u.levelFacts.flatMap((f) => f.values!.flatMap((v) => [v.id, v.zh]))) } : {}),
      },
      { requiredKeys: [] },
    );
  const history = fc
    .uniqueArray(fc.constantFrom(...uses), { maxLength: 4, selector: (u) => u.clause.id })
    .chain((us) => fc.tuple(...us.map(historyEntry)).map((es) => Object.fromEntries(es.map((e, i) => [us[i]!.clause.id, e]))));
  return fc.record({
    region: fc.constantFrom(...regions),
    year: fc.oneof({ arbitrary: fc.integer({ min: 2022, max: 2025 }), weight: 4 }, { arbitrary: fc.integer({ min: 2000, max: 2100 }), weight: 1 }),
    facts: factRecord,
    history,
  });
}

/** The record through the real validator: a generator bug shows up as a failed test, not as a silent skip. */
export function toValidEnterprise(set: RuleSet, record: Record<string, unknown>): Enterprise {
  const { enterprise, findings } = toEnterprise(set, record, () => ({}));
  if (!enterprise) throw new Error(`generated record rejected: ${JSON.stringify(findings.slice(0, 3))}`);
  return enterprise;
}
