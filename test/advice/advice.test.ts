import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nextTierHints } from '../../src/advice/next-tier.js';
import { missingDataReport } from '../../src/advice/missing-data.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { readYaml } from '../../src/load/read-yaml.js';
import { enterpriseRecord } from '../../src/input/enterprise-record.js';
import { shippedRules } from '../helpers/mini-rules.js';
import type { Decimal } from '../../src/money/decimal.js';
import { cli } from '../helpers/cli.js';

const set = shippedRules();
function load(file: string) {
  const src = readYaml(readFileSync(file, 'utf8'), file);
  const { record, locate } = enterpriseRecord(src);
  const { enterprise, findings } = toEnterprise(set, record, locate);
  if (!enterprise) throw new Error(JSON.stringify(findings));
  return enterprise;
}

describe('next-tier hints', () => {
  it('a Lanxi cross-border seller at 90万美元 is told 10万美元 more reaches the 100万美元 tier: +5万', () => {
    const ent = load('test/fixtures/lanxi-seller-90w-usd.yaml');
    const hint = nextTierHints(set, ent, evaluate(set, ent)).find((h) => h.clauseId === 'lanxi-2022/8')!;
    expect(hint.fact).toBe('cbec_b2c_sales_usd');
    expect(hint.increase.toFixed()).toBe('100000');
    expect(hint.gain.toFixed(2)).toBe('50000.00');
    expect([hint.before.toFixed(2), hint.after.toFixed(2)]).toEqual(['50000.00', '100000.00']);
  });
  it('a Jinyun park whose enterprises grew online retail by 2.6亿 is told 4,000万 more reaches the next 1亿 step: +10万 within the 30万 cap', () => {
    const ent = load('examples/jinyun-2025-ecommerce-park.yaml');
    const hint = nextTierHints(set, ent, evaluate(set, ent)).find((h) => h.clauseId === 'jinyun-2025/1a')!;
    expect(hint.increase.toFixed()).toBe('40000000');
    expect(hint.gain.toFixed(2)).toBe('100000.00');
    expect(hint.after.toFixed(2)).toBe('300000.00');
  });
  it('no hint where the cap is already reached', () => {
    const ent = load('examples/jinyun-2025-ecommerce-park.yaml');
    // 2.6亿 + 2亿 = 4.6亿 of growth: 4 steps = 40万, already above the 30万 yearly cap.
    const retail = ent.facts.get('park_above_quota_online_retail') as Decimal;
    const raised = { ...ent, facts: new Map(ent.facts).set('park_above_quota_online_retail', retail.plus(2e8)) };
    expect(nextTierHints(set, raised, evaluate(set, raised)).find((h) => h.clauseId === 'jinyun-2025/1a')).toBeUndefined();
  });
  it('hints are ranked by gain', () => {
    const ent = load('examples/lanxi-livestream-agency.yaml');
    const gains = nextTierHints(set, ent, evaluate(set, ent)).map((h) => h.gain.toNumber());
    expect(gains.length).toBeGreaterThan(0);
    expect([...gains].sort((a, b) => b - a)).toEqual(gains);
  });
});

describe('missing-data report', () => {
  it('ranks facts by the money the clauses they decide could unlock', () => {
    const ent = load('test/fixtures/lanxi-seller-90w-usd.yaml');
    const report = missingDataReport(set, evaluate(set, ent));
    expect(report[0]!.upTo.toNumber()).toBeGreaterThanOrEqual(report[report.length - 1]!.upTo.toNumber());
    const warehouse = report.find((m) => m.fact === 'overseas_warehouse_build_cost')!;
    expect(warehouse.clauses).toEqual(['lanxi-2022/11a']);
    expect(warehouse.upTo.toFixed(2)).toBe('500000.00');
    expect(report.find((m) => m.fact === 'agri_online_sales')!.upTo.toFixed(2)).toBe('100000.00');
  });
});

describe('calc what-if', () => {
  it('--set with --compare shows the change against the file as written', () => {
    const r = cli(['calc', 'test/fixtures/lanxi-seller-90w-usd.yaml', '--set', 'cbec_b2c_sales_usd=130万美元', '--compare']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('兰政办发〔2022〕3号 8 鼓励跨境电商发展  可获得 → 可获得  50000.00 → 100000.00  (+50000.00)');
  });
  it('--year with --compare: the Hangzhou draft expires after 2025', () => {
    const j = JSON.parse(cli(['calc', 'examples/hangzhou-ecommerce-2022-xihu-express.yaml', '--year', '2026', '--compare', '--format', 'json']).stdout);
    expect(j.compare.changes.find((c: { clause: string }) => c.clause === 'hangzhou-ecommerce-2022')).toMatchObject({ after: { status: 'not_in_force' } });
  });
  it('--hints and --missing appear in JSON', () => {
    const j = JSON.parse(cli(['calc', 'test/fixtures/lanxi-seller-90w-usd.yaml', '--hints', '--missing', '--format', 'json']).stdout);
    expect(j.hints[0]).toMatchObject({ clause: 'lanxi-2022/8', increase: '100000', gain: '50000.00' });
    expect(j.missingData.length).toBeGreaterThan(5);
  });
  it('a misspelt --set fact exits 2 with a suggestion', () => {
    const r = cli(['calc', 'test/fixtures/lanxi-seller-90w-usd.yaml', '--set', 'cbec_b2c_sale=1', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/UNKNOWN_FACT.*did you mean cbec_b2c_sales_usd/);
  });
});
