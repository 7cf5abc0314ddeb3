// 兰政办发〔2022〕3号 in json-rules-engine, the way its documentation suggests: rules decide
// (conditions on facts, two computed facts), each winning rule emits an event whose params say
// how to pay, and a few lines of JavaScript turn the events into amounts, in binary floats,
// rounded once at the end with Math.round(x * 100) / 100.
// Unknown facts are absent; with allowUndefinedFacts a condition on an absent fact is false
// (not eligible, not excluded) and an absent amount counts as 0.
import { Engine } from 'json-rules-engine';
import { CLAUSES, EXCLUSION_FLAGS, LEVELS, MIN_PENSION_COVERAGE, TIERS, round2 } from './lanxi-clauses.js';

const is = (fact, operator, value) => ({ fact, operator, value });
const kind = (k) => is('entity_kinds', 'contains', k);
const award = (clause, params, ...all) => ({ name: clause, conditions: { all }, event: { type: 'award', params: { clause, ...params } } });

function rules() {
  const rs = [
    {
      name: '15',
      conditions: { any: [...EXCLUSION_FLAGS.map((f) => is(f, 'equal', true)), is('pension_coverage', 'lessThan', MIN_PENSION_COVERAGE)] },
      event: { type: 'excluded' },
    },
    award(
      '1',
      { fixed: 3e5 },
      kind('park_operator'),
      { any: [is('park_land_area', 'greaterThan', 20), is('park_floor_area', 'greaterThan', 3e4)] },
      is('park_occupancy', 'greaterThan', 0.8),
      is('park_sales', 'greaterThanInclusive', 5e7),
    ),
    award(
      '3',
      { rent: true },
      kind('ecommerce_enterprise'),
      is('in_ecommerce_park', 'equal', true),
      is('months_operating', 'greaterThanInclusive', 3),
      is('sales_per_m2', 'greaterThanInclusive', 1e4),
    ),
    award(
      '4a',
      { rate: 0.2, base: 'platform_investment', cap: 3e5 },
      kind('platform_operator'),
      is('platform_is_new', 'equal', true),
      is('platform_investment', 'greaterThanInclusive', 5e5),
    ),
    award('4b', { fixed: 1e5 }, kind('platform_operator'), is('platform_sales', 'greaterThanInclusive', 3e7)),
    award('5', { fixed: 5e4 }, kind('service_provider'), is('service_income', 'greaterThanInclusive', 5e5)),
    award('7', { perEvent: { rate: 0.5, capEach: 2e4, cap: 1e5 } }, kind('event_organiser'), is('events_filed', 'equal', true)),
    award('9', { rate: 0.7, base: 'foreign_trademark_fees', cap: 2e4 }, kind('cross_border_seller'), is('foreign_trademark_fees', 'greaterThan', 0)),
    award('10', { rate: 0.5, base: 'digital_marketing_fees', cap: 4e4 }, is('digital_marketing_fees', 'greaterThan', 0)),
    award(
      '11a',
      { rate: 0.3, base: 'overseas_warehouse_build_cost', cap: 5e5 },
      is('overseas_warehouse_public', 'equal', true),
      is('overseas_warehouse_months', 'greaterThanInclusive', 12),
      is('overseas_warehouse_exports_usd', 'greaterThanInclusive', 2e5),
    ),
    award(
      '11b',
      { rate: 0.2, base: 'overseas_storage_cost', cap: 2e5 },
      kind('cross_border_seller'),
      is('uses_public_overseas_warehouse', 'equal', true),
      is('overseas_warehouse_product_sales_usd', 'greaterThanInclusive', 1.5e5),
    ),
  ];
  // Highest tier: one rule per tier; the payout keeps the largest amount per clause (就高).
  for (const [clause, t] of Object.entries(TIERS))
    for (const [at, amount] of t.tiers) rs.push(award(clause, { fixed: amount }, ...(t.kind ? [kind(t.kind)] : []), is(t.fact, 'greaterThanInclusive', at)));
  for (const [clause, l] of Object.entries(LEVELS))
    for (const [level, amount] of Object.entries(l.amounts))
      rs.push(award(clause, { fixed: amount }, ...(l.kind ? [kind(l.kind)] : []), is(l.fact, 'equal', level)));
  return rs;
}

export function jreEngine() {
  const engine = new Engine(rules(), { allowUndefinedFacts: true });
  // Computed facts: sales per m² of office and warehouse (clause 3), USD sales derived from CNY and the rate (clause 8).
  engine.addFact('sales_per_m2', async (_, almanac) => {
    const [sales, office, warehouse] = await Promise.all(['online_sales', 'office_area', 'warehouse_area'].map((f) => almanac.factValue(f)));
    return (sales ?? 0) / ((office ?? 0) + (warehouse ?? 0));
  });
  engine.addFact('cbec_usd', async (_, almanac) => {
    const usd = await almanac.factValue('cbec_b2c_sales_usd');
    if (usd !== undefined) return usd;
    const [cny, rate] = await Promise.all([almanac.factValue('cbec_b2c_sales_cny'), almanac.factValue('usd_cny_rate')]);
    return cny !== undefined && rate ? cny / rate : undefined;
  });
  return engine;
}

const INDEX = new Map(CLAUSES.map((c, i) => [c, i]));

/** One enterprise: the amount of each clause in CLAUSES order (0 when not paid). */
export async function jreEvaluate(engine, facts) {
  const { events } = await engine.run(facts);
  const out = new Array(CLAUSES.length).fill(0);
  if (events.some((e) => e.type === 'excluded')) return out;
  for (const { params: p } of events) {
    const i = INDEX.get(p.clause);
    out[i] = Math.max(out[i], round2(pay(p, facts)));
  }
  return out;
}

function pay(p, f) {
  if (p.fixed !== undefined) return p.fixed;
  if (p.rate !== undefined) return Math.min(p.rate * (f[p.base] ?? 0), p.cap);
  if (p.rent) {
    const months = f.rent_months ?? 0;
    const office = Math.min(0.8 * (f.office_rent_paid ?? 0), 12 * (f.office_area ?? 0) * months);
    const warehouse = Math.min(0.6 * (f.warehouse_rent_paid ?? 0), 6 * (f.warehouse_area ?? 0) * months);
    return Math.min(office + warehouse, 1e5);
  }
  const { rate, capEach, cap } = p.perEvent;
  return Math.min(
    (f.event_costs ?? []).reduce((s, x) => s + Math.min(rate * x, capEach), 0),
    cap,
  );
}
