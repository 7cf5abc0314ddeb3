import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

type Clause = { id: string; status: string; sure?: string; split?: { parts: { level: string; amount: string }[]; source: { kind: string; file?: string } } };
type Result = { policies: { id: string; applicability: string; note?: string; clauses: Clause[] }[] };

const calc = (args: string[]): Result => JSON.parse(cli(['calc', ...args, '--format', 'json']).stdout);
const clause = (r: Result, id: string) => r.policies.flatMap((p) => p.clauses).find((c) => c.id === id)!;
const XIHU = 'examples/hangzhou-ecommerce-2022-xihu-express.yaml';

describe('the same clause in different places', () => {
  it('萧山区 takes 75% local / 25% city, 西湖区 50/50, per (二十)', () => {
    const xihu = clause(calc([XIHU]), 'hangzhou-ecommerce-2022/13g');
    const xiaoshan = clause(calc([XIHU, '--region', '萧山区']), 'hangzhou-ecommerce-2022/13g');
    expect(xihu.sure).toBe('400000.00');
    expect(xihu.split!.parts).toEqual([
      { level: 'local', share: '0.5', amount: '200000.00' },
      { level: 'city', share: '0.5', amount: '200000.00' },
    ]);
    expect(xiaoshan.split!.parts).toEqual([
      { level: 'local', share: '0.75', amount: '300000.00' },
      { level: 'city', share: '0.25', amount: '100000.00' },
    ]);
  });
  it('the table shows the two splits side by side with the shares', () => {
    // Sure amount, a blank ceiling cell if that column is shown, then city and district.
    expect(cli(['calc', XIHU]).stdout).toMatch(/400,000\.00 │[ │]*200,000\.00 │ +200,000\.00/);
    expect(cli(['calc', XIHU, '--region', '330109']).stdout).toMatch(/400,000\.00 │[ │]*100,000\.00 │ +300,000\.00/);
  });
  it('a 缙云县 enterprise is told that Lishui 丽政办发〔2020〕1号 does not cover it', () => {
    const r = calc(['examples/lishui-2020-jinyun-not-covered.yaml']);
    const lishui = r.policies.find((p) => p.id === 'lishui-2020')!;
    expect(lishui.applicability).toBe('not_covered');
    expect(lishui.clauses).toEqual([]);
    expect(cli(['calc', 'examples/lishui-2020-jinyun-not-covered.yaml']).stdout).toMatch(/丽政办发〔2020〕1号.*不适用地区/);
  });
});

describe('shares the text leaves to 现行财政体制', () => {
  const SELLER = 'examples/hangzhou-cbec-2024-seller.yaml';
  it('are not invented: no parts, source unspecified, and the table says 按现行财政体制', () => {
    const r = calc([SELLER]);
    const priced = r.policies.find((p) => p.id === 'hangzhou-cbec-2024')!.clauses.filter((c) => c.split);
    expect(priced.length).toBeGreaterThan(0);
    for (const c of priced.filter((c) => c.id !== 'hangzhou-cbec-2024/s10a')) {
      expect(c.split!.parts).toEqual([]);
      expect(c.split!.source.kind).toBe('unspecified');
    }
    expect(cli(['calc', SELLER]).stdout).toContain('按现行财政体制');
  });
  it('come from a regime file when one is given, and say so', () => {
    const r = calc([SELLER, '--regime', 'rules/regimes/illustrative.yaml']);
    const c = r.policies.find((p) => p.id === 'hangzhou-cbec-2024')!.clauses.find((c) => c.status === 'eligible' || c.status === 'ceiling')!;
    expect(c.split!.source).toMatchObject({ kind: 'regime_file', file: 'rules/regimes/illustrative.yaml' });
    expect(c.split!.parts.map((p) => p.level)).toEqual(['local', 'city']);
  });
});
