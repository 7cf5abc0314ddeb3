import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { ClauseResult, Evaluation } from '../../src/engine/types.js';
import { coerceFactValue } from '../../src/input/coerce-value.js';
import type { RecordList } from '../../src/model/record-value.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import type { RuleSet } from '../../src/load/load-rules.js';
import { checkRules } from '../../src/load/validate-rules.js';
import { Decimal } from '../../src/money/decimal.js';
import { cli } from '../helpers/cli.js';
import { BATCH_CSV, copyWithSixthPolicy, POLICY_ID } from '../helpers/sixth-policy.js';

/**
 * The constructs the sixth text needed, on the synthetic sixth policy (test/helpers/sixth-policy.ts),
 * never on the live rule set: record lists read item by item (per-item conditions, tiers and caps),
 * one cap shared by two clauses, beneficiaries that may be persons, a trial document that expires,
 * and a fact only an authority knows.
 */

let copy: ReturnType<typeof copyWithSixthPolicy>;
let set: RuleSet;
beforeAll(() => {
  copy = copyWithSixthPolicy();
  const checked = checkRules(copy.rules);
  expect(checked.findings).toEqual([]);
  set = checked.set!;
});

const WAN = 10_000;
const REGION = '331123';

function evaluateFacts(facts: Record<string, unknown>): Evaluation {
  const { enterprise, findings } = toEnterprise(set, { region: REGION, year: 2025, facts }, () => ({}));
  if (!enterprise) throw new Error(JSON.stringify(findings));
  return evaluate(set, enterprise);
}

const clause = (ev: Evaluation, id: string): ClauseResult =>
  ev.policies.find((p) => p.policyId === POLICY_ID)!.clauses.find((c) => c.clauseId === `${POLICY_ID}/${id}`)!;
/** What a clause surely pays: its amount when eligible, else nothing. */
const paid = (r: ClauseResult) => (r.status === 'eligible' ? r.amount! : new Decimal(0));

/** The text's tiers for one streamer, worked independently of the rule file. */
const tierOf = (sales: number) => (sales >= 1000 * WAN ? 5 * WAN : sales >= 500 * WAN ? 3 * WAN : sales >= 100 * WAN ? 1 * WAN : 0);
/** 30% of a recognised event's cost, at most 2万 per event. */
const eventOf = (e: { cost: number; recognised: boolean }) => (e.recognised ? Decimal.min(new Decimal(e.cost).times('0.3'), 2 * WAN) : new Decimal(0));

const streamers = fc.array(fc.integer({ min: 0, max: 2000 * WAN }), { maxLength: 6 });
const events = fc.array(fc.record({ cost: fc.integer({ min: 0, max: 20 * WAN }), recognised: fc.boolean() }), { maxLength: 5 });

describe('record lists: an award per item, with per-item conditions, tiers and caps', () => {
  it('each streamer is paid by her own tier and each recognised event at 30% up to 2万; the two share a yearly cap of 10万 in the order the cap lists them', () => {
    fc.assert(
      fc.property(streamers, events, (sales, evs) => {
        const ev = evaluateFacts({
          entity_kinds: ['电商企业'],
          signed_streamers: sales.map((s, i) => ({ name: `主播${i}`, sales: s })),
          live_events: evs.map((e, i) => ({ name: `活动${i}`, cost: e.cost, recognised: e.recognised })),
        });
        const a = sales.reduce((s, x) => s + tierOf(x), 0);
        const b = evs.reduce((s, e) => s.plus(eventOf(e)), new Decimal(0));
        const aPaid = Decimal.min(a, 10 * WAN);
        const bPaid = Decimal.min(b, Decimal.max(new Decimal(10 * WAN).minus(aPaid), 0));
        const r2a = clause(ev, '2a');
        const r2b = clause(ev, '2b');
        expect(['eligible', 'not_eligible']).toContain(r2a.status);
        expect(['eligible', 'not_eligible']).toContain(r2b.status);
        expect(paid(r2a).toFixed(2)).toBe(aPaid.toFixed(2));
        expect(paid(r2b).toFixed(2)).toBe(bPaid.toFixed(2));
        // The cap is shared, not each clause's own: together they never pass it.
        expect(
          paid(r2a)
            .plus(paid(r2b))
            .lte(10 * WAN),
        ).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('an item whose figure is unknown leaves the clause needing its list, never a guess', () => {
    const ev = evaluateFacts({ entity_kinds: ['电商企业'], signed_streamers: [{ name: '主播A', sales: '1200万' }, { name: '主播B' }] });
    const r = clause(ev, '2a');
    expect(r.status).toBe('needs_data');
    expect(r.missing).toContain('signed_streamers');
  });

  it('a list given as empty pays nothing, and is not missing', () => {
    const r = clause(evaluateFacts({ entity_kinds: ['电商企业'], signed_streamers: '无' }), '2a');
    expect(r.status).not.toBe('needs_data');
    expect(paid(r).isZero()).toBe(true);
  });

  it('the compact cell form (名称:值/值; …) reads as the same records as YAML mappings', () => {
    const list = set.facts.get('live_events')!;
    fc.assert(
      fc.property(events, (evs) => {
        const cell = evs.map((e, i) => `活动${i}:${e.cost}/${e.recognised ? '是' : '否'}`).join('; ');
        const a = coerceFactValue(list, cell || '无');
        const b = coerceFactValue(
          list,
          evs.map((e, i) => ({ name: `活动${i}`, 费用: e.cost, 认定: e.recognised })),
        );
        expect(a.ok && b.ok).toBe(true);
        const items = (r: typeof a) => (r as { value: RecordList }).value.items.map((x) => [x.name, String(x.values.get('cost')), x.values.get('recognised')]);
        expect(items(a)).toEqual(items(b));
        expect(items(a)).toHaveLength(evs.length);
      }),
    );
  });

  it('an item with a value too many, an unknown field or a name given twice is refused, naming the item', () => {
    const list = set.facts.get('live_events')!;
    for (const [raw, needle] of [
      ['春季:50万/是/多余', '春季'],
      [[{ name: '春季', 费用: '50万', 颜色: '红' }], '颜色'],
      ['春季:50万/是; 春季:5万/否', '春季'],
    ] as const) {
      const r = coerceFactValue(list, raw);
      expect(r.ok, JSON.stringify(raw)).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('RECORD_ITEM');
        expect(JSON.stringify(r.args)).toContain(needle);
      }
    }
  });
});

describe('beneficiaries: a list of kinds, natural persons and 个体工商户', () => {
  it('a clause paying any of several kinds pays each of them, and refuses a kind it does not list', () => {
    for (const kind of ['主播/达人号运营主体', '自然人', '个体工商户', '个人', '个体户'])
      expect(clause(evaluateFacts({ entity_kinds: [kind], own_live_sales: '350万' }), '3').status, kind).toBe('eligible');
    expect(clause(evaluateFacts({ entity_kinds: ['电商企业'], own_live_sales: '350万' }), '3').status).toBe('not_eligible');
  });

  it('outputs say 主体 where a document covering the region can pay a person, and 企业 elsewhere', () => {
    const here = cli(['calc', join(copy.examples, 'suichang-live-person.yaml'), '--rules', copy.rules]);
    expect(here.code, here.stderr).toBe(0);
    expect(here.stdout.split('\n')[0]).toMatch(/^主体: /);
    const elsewhere = cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', copy.rules]);
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    expect(elsewhere.stdout.split('\n')[0]).toMatch(/^企业: /);
  }, 60_000);
});

describe('a trial document, and one past its validity', () => {
  const list = (epoch: string, lang = 'en') =>
    cli(['rules', 'list', '--rules', copy.rules, '--lang', lang], undefined, { SOURCE_DATE_EPOCH: epoch })
      .stdout.split('\n')
      .find((l) => l.startsWith(`${POLICY_ID} `))!;
  it('rules list shows the status as encoded, and expired only once validity.to has passed', () => {
    expect(list(String(Date.UTC(2026, 11, 31) / 1000))).toContain('[trial]');
    expect(list(String(Date.UTC(2027, 0, 1) / 1000))).toContain('[trial, expired]');
    // In Chinese, the same in words (no status id).
    expect(list(String(Date.UTC(2026, 11, 31) / 1000), 'zh')).toContain('[试行]');
    expect(list(String(Date.UTC(2027, 0, 1) / 1000), 'zh')).toContain('[试行；已失效]');
  }, 60_000);
  it('rules show says 试行, and 失效 with the date once expired', () => {
    const show = (epoch: string) =>
      cli(['rules', 'show', `${POLICY_ID}/2a`, '--rules', copy.rules], undefined, { SOURCE_DATE_EPOCH: epoch }).stdout.split('\n')[1]!;
    expect(show(String(Date.UTC(2025, 5, 1) / 1000))).toBe('文件状态：试行');
    expect(show(String(Date.UTC(2027, 5, 1) / 1000))).toMatch(/^文件状态：试行；.*2026-12-31.*失效/);
  }, 60_000);
});

describe('a fact supplied by an authority', () => {
  it('a clause missing it needs data, and the note says who supplies it', () => {
    const r = clause(evaluateFacts({ entity_kinds: ['电商企业'], online_sales: '6000万' }), '4');
    expect(r.status).toBe('needs_data');
    expect(r.missing).toEqual(['local_contribution_retained']);
    const file = join(copy.dir, 'no-contribution.yaml');
    writeFileSync(file, 'region: 遂昌县\nyear: 2025\nfacts:\n  entity_kinds: [电商企业]\n  online_sales: 6000万\n');
    const out = cli(['calc', file, '--rules', copy.rules]);
    // The table wraps long notes: read it without its borders and line breaks.
    expect(out.stdout.replace(/[│\s]/g, '')).toContain('缺少：地方综合贡献县级留成（由县财政局提供）');
  }, 60_000);
  it('the template says so for that column only', () => {
    const t = cli(['template', '--rules', copy.rules]);
    expect(t.code, t.stderr).toBe(0);
    const [head, notes] = t.stdout.replace(/^\uFEFF/, '').split(/\r?\n/);
    const cells = (line: string) => line.split(',');
    const col = cells(head!).indexOf('地方综合贡献县级留成');
    expect(col).toBeGreaterThan(0);
    const noteCells = notes!.match(/("[^"]*"|[^,]*)(,|$)/g)!;
    expect(noteCells[col]).toContain('县财政局');
    expect(noteCells.filter((c) => c.includes('县财政局'))).toHaveLength(1);
  }, 60_000);
});

describe('the sixth policy as data: lint, coverage, test, batch with no TypeScript change', () => {
  it('every example case, the shipped ones and its own, passes on the set with it added', () => {
    const r = cli(['test', copy.examples, '--rules', copy.rules]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ 0 failed/);
  }, 120_000);
  it('its example cases pass', () => {
    const r = cli(['test', join(copy.examples, 'suichang-live-enterprise.yaml'), join(copy.examples, 'suichang-live-person.yaml'), '--rules', copy.rules]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 passed, 0 failed/);
  }, 60_000);
  it('coverage counts its six items; deleting one of its clauses makes coverage fail', () => {
    const ok = cli(['rules', 'coverage', '--rules', copy.rules]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.split('\n').find((l) => l.startsWith(POLICY_ID))).toMatch(new RegExp(`^${POLICY_ID}\\s+6\\s`));
    const broken = copyWithSixthPolicy();
    const file = join(broken.rules, 'policies', `${POLICY_ID}.yaml`);
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf(`  - id: ${POLICY_ID}/5\n`);
    const end = text.indexOf(`  - id: ${POLICY_ID}/6\n`);
    writeFileSync(file, text.slice(0, start) + text.slice(end));
    expect(cli(['rules', 'coverage', '--rules', broken.rules]).code).not.toBe(0);
  }, 120_000);
  it('a batch with record lists typed in cells: every row once, the bad item refused by name, exit 1', () => {
    const input = join(copy.dir, 'batch.csv');
    const out = join(copy.dir, 'report.jsonl');
    writeFileSync(input, BATCH_CSV);
    const r = cli(['batch', input, '--rules', copy.rules, '--out', out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/签约主播名单.*RECORD_ITEM.*主播E/);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const text = JSON.stringify(rows);
    for (const id of ['S1', 'S2', 'S3']) expect(text).toContain(`"${id}"`);
    expect(text).toContain('500000.00');
  }, 60_000);
});
