// 兰政办发〔2022〕3号 as a GoRules ZEN decision graph (JDM), as its editor would save it:
// an expression node for computed facts, decision tables (hit policy "first") for the
// clause-15 disqualifiers, the highest tiers and the levels, and an expression node for
// the awards, each rounded with round(x, 2) and zeroed when a disqualifier hit.
// ZEN's expression language fails on arithmetic or comparison with null, so a team writes
// `?? 0` for every amount that may be absent: an unknown fact counts as 0 / not eligible,
// and a table cell on an absent fact does not match (the row is skipped).
import { CLAUSES, EXCLUSION_FLAGS, LEVELS, MIN_PENSION_COVERAGE, TIERS } from './lanxi-clauses.js';

let seq = 0;
const node = (type, name, content) => ({ id: `n${++seq}`, type, name, position: { x: 200 * seq, y: 100 }, content });
const expressions = (name, passThrough, pairs) =>
  node('expressionNode', name, {
    expressions: pairs.map(([key, value], i) => ({ id: `e${i}`, key, value })),
    passThrough,
    inputField: null,
    outputPath: null,
    executionMode: 'single',
  });
const table = (name, inputs, output, rows) =>
  node('decisionTableNode', name, {
    hitPolicy: 'first',
    inputs: inputs.map((field, i) => ({ id: `i${i}`, name: field, field })),
    outputs: [{ id: 'o0', name: output, field: output }],
    rules: rows.map(([cells, out], r) => ({ _id: `r${r}`, ...Object.fromEntries(inputs.map((_, i) => [`i${i}`, cells[i] ?? ''])), o0: String(out) })),
    passThrough: true,
    inputField: null,
    outputPath: null,
    executionMode: 'single',
  });

const n0 = (f) => `(${f} ?? 0)`;
const has = (k) => `contains(kinds, '${k}')`;
const min = (...xs) => `min([${xs.join(', ')}])`;

/** The awards before rounding and disqualifiers, one ZEN expression per clause. */
const AWARDS = {
  1: `${has('park_operator')} and (${n0('park_land_area')} > 20 or ${n0('park_floor_area')} > 30000) and ${n0('park_occupancy')} > 0.8 and ${n0('park_sales')} >= 50000000 ? 300000 : 0`,
  2: 'tier.c2',
  3: `${has('ecommerce_enterprise')} and in_ecommerce_park == true and ${n0('months_operating')} >= 3 and salesPerM2 >= 10000 ? ${min(
    `${min(`0.8 * ${n0('office_rent_paid')}`, `12 * ${n0('office_area')} * ${n0('rent_months')}`)} + ${min(`0.6 * ${n0('warehouse_rent_paid')}`, `6 * ${n0('warehouse_area')} * ${n0('rent_months')}`)}`,
    '100000',
  )} : 0`,
  '4a': `${has('platform_operator')} and platform_is_new == true and ${n0('platform_investment')} >= 500000 ? ${min('0.2 * platform_investment', '300000')} : 0`,
  '4b': `${has('platform_operator')} and ${n0('platform_sales')} >= 30000000 ? 100000 : 0`,
  5: `${has('service_provider')} and ${n0('service_income')} >= 500000 ? 50000 : 0`,
  6: 'tier.c6',
  7: `${has('event_organiser')} and events_filed == true ? ${min(`sum(map(event_costs ?? [], ${min('# * 0.5', '20000')}))`, '100000')} : 0`,
  8: 'tier.c8',
  9: `${has('cross_border_seller')} ? ${min(`0.7 * ${n0('foreign_trademark_fees')}`, '20000')} : 0`,
  10: min(`0.5 * ${n0('digital_marketing_fees')}`, '40000'),
  '11a': `overseas_warehouse_public == true and ${n0('overseas_warehouse_months')} >= 12 and ${n0('overseas_warehouse_exports_usd')} >= 200000 ? ${min(`0.3 * ${n0('overseas_warehouse_build_cost')}`, '500000')} : 0`,
  '11b': `${has('cross_border_seller')} and uses_public_overseas_warehouse == true and ${n0('overseas_warehouse_product_sales_usd')} >= 150000 ? ${min(`0.2 * ${n0('overseas_storage_cost')}`, '200000')} : 0`,
  12: 'tier.c12',
  13: 'tier.c13',
};

/** The decision graph as JSON (what the JDM editor saves). */
export function lanxiJdm() {
  seq = 0;
  const input = node('inputNode', 'request', { schema: '' });
  const derived = expressions('computed facts', true, [
    ['kinds', 'entity_kinds ?? []'],
    // Division by zero gives null in ZEN.
    ['salesPerM2', `(${n0('online_sales')} / (${n0('office_area')} + ${n0('warehouse_area')})) ?? 0`],
    ['cbecUsd', `cbec_b2c_sales_usd ?? ((${n0('cbec_b2c_sales_cny')} / ${n0('usd_cny_rate')}) ?? 0)`],
  ]);
  const exclusions = table('clause 15', [...EXCLUSION_FLAGS, 'pension_coverage'], 'excluded', [
    ...EXCLUSION_FLAGS.map((_, i) => [Object.assign([], { [i]: 'true' }), true]),
    [Object.assign([], { [EXCLUSION_FLAGS.length]: `< ${MIN_PENSION_COVERAGE}` }), true],
    [[], false],
  ]);
  const field = (f) => (f === 'cbec_usd' ? 'cbecUsd' : f);
  const tiers = Object.entries(TIERS).map(([c, t]) =>
    table(`clause ${c}`, t.kind ? ['kinds', field(t.fact)] : [field(t.fact)], `tier.c${c}`, [
      ...[...t.tiers].reverse().map(([at, amount]) => [t.kind ? [`contains($, '${t.kind}')`, `>= ${at}`] : [`>= ${at}`], amount]),
      [[], 0],
    ]),
  );
  const levels = Object.entries(LEVELS).map(([c, l]) =>
    table(`clause ${c}`, l.kind ? ['kinds', l.fact] : [l.fact], `tier.c${c}`, [
      ...Object.entries(l.amounts).map(([level, amount]) => [l.kind ? [`contains($, '${l.kind}')`, `'${level}'`] : [`'${level}'`], amount]),
      [[], 0],
    ]),
  );
  const awards = expressions(
    'awards',
    false,
    CLAUSES.map((c) => [`c${c}`, `excluded ? 0 : round(${AWARDS[c]}, 2)`]),
  );
  const output = node('outputNode', 'response', {});
  const chain = [input, derived, exclusions, ...tiers, ...levels, awards, output];
  const edges = chain.slice(1).map((n, i) => ({ id: `edge${i}`, sourceId: chain[i].id, targetId: n.id, type: 'edge' }));
  return { contentType: 'application/vnd.gorules.decision', nodes: chain, edges };
}

export async function zenDecision() {
  const { ZenEngine } = await import('@gorules/zen-engine');
  const engine = new ZenEngine();
  return engine.createDecision(Buffer.from(JSON.stringify(lanxiJdm())));
}

/** ZEN's answer for one enterprise: the amount of each clause in CLAUSES order. */
export const zenAmounts = (response) => CLAUSES.map((c) => response.result[`c${c}`]);

/** The time ZEN says it spent inside the engine, in seconds ("151.7µs", "1.2ms"). */
export function zenInEngine(response) {
  const m = /^([\d.]+)\s*(ns|µs|us|ms|s)$/.exec(response.performance ?? '');
  return m ? Number(m[1]) * { ns: 1e-9, µs: 1e-6, us: 1e-6, ms: 1e-3, s: 1 }[m[2]] : NaN;
}
