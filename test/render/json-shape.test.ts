import { describe, expect, it } from 'vitest';
import { EvaluationResultSchema } from '../../src/schema/result-schema.js';
import { cli } from '../helpers/cli.js';

describe('calc --format json', () => {
  it.each(['examples/lanxi-cross-border-seller.yaml', 'examples/hangzhou-both-policies-park-2025.yaml', 'examples/lishui-2020-logistics-centre.yaml'])(
    '%s matches the documented schema (schemaVersion 2)',
    (file) => {
      const r = cli(['calc', file, '--format', 'json']);
      expect(r.code).toBe(0);
      const parsed = EvaluationResultSchema.safeParse(JSON.parse(r.stdout));
      expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    },
  );
  it('is byte-identical across runs under SOURCE_DATE_EPOCH', () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const a = cli(['calc', 'examples/lanxi-livestream-agency.yaml', '--format', 'json'], undefined, env).stdout;
    expect(JSON.parse(a).provenance).toMatchObject({ time: '2023-11-14T22:13:20Z', timeSource: 'SOURCE_DATE_EPOCH' });
    expect(cli(['calc', 'examples/lanxi-livestream-agency.yaml', '--format', 'json'], undefined, env).stdout).toBe(a);
  });
});

describe('subsidy diff', () => {
  it('names the clause whose award changed and exits 1; identical runs exit 0', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-diff-'));
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, cli(['calc', 'examples/lanxi-platform-operator.yaml', '--format', 'json']).stdout);
    const changed = readFileSync('examples/lanxi-platform-operator.yaml', 'utf8').replace('agri_online_sales: 600万', 'agri_online_sales: 90万');
    writeFileSync(join(dir, 'b.yaml'), changed);
    writeFileSync(b, cli(['calc', join(dir, 'b.yaml'), '--format', 'json']).stdout);
    const r = cli(['diff', a, b]);
    expect(r.code).toBe(1);
    // In Chinese: the clause by document, number and title, statuses in words, each amount by its kind.
    expect(r.stdout).toContain('兰政办发〔2022〕3号 12 支持本市农特产品销售：可获得 确定金额 100,000.00 → 可获得 确定金额 20,000.00（确定金额 −80,000.00）');
    expect(r.stdout).not.toMatch(/lanxi-2022|eligible/);
    expect(cli(['diff', a, b, '--lang', 'en']).stdout).toContain('eligible sure 100,000.00 → eligible sure 20,000.00 (sure −80,000.00)');
    const json = JSON.parse(cli(['diff', a, b, '--format', 'json']).stdout) as { changes: { clause: string; before: { kind?: string }; delta?: string }[] };
    expect(json.changes.find((c) => c.clause === 'lanxi-2022/12')).toMatchObject({ before: { kind: 'sure' }, delta: '-80000.00' });
    // An award that becomes excluded keeps its figure as a set-aside amount: the sure amount falls by all of it, never "78,000 → 78,000".
    writeFileSync(join(dir, 'c.yaml'), readFileSync('examples/lanxi-platform-operator.yaml', 'utf8').replace(/listed_dishonest: 否/, 'listed_dishonest: 是'));
    const c = join(dir, 'c.json');
    writeFileSync(c, cli(['calc', join(dir, 'c.yaml'), '--format', 'json']).stdout);
    const excluded = JSON.parse(cli(['diff', a, c, '--format', 'json']).stdout) as {
      changes: { clause: string; after: { kind?: string; status?: string }; delta?: string }[];
    };
    const twelve = excluded.changes.find((x) => x.clause === 'lanxi-2022/12')!;
    expect(twelve).toMatchObject({ after: { status: 'excluded', kind: 'setAside' }, delta: '-100000.00' });
    expect(cli(['diff', a, c]).stdout).toContain('被排除 未计入金额 100,000.00（确定金额 −100,000.00）');
    expect(cli(['diff', a, a]).code).toBe(0);
    expect(cli(['diff', a, a]).stdout).toBe('没有金额变化\n');
    expect(cli(['diff', a, join(dir, 'b.yaml')]).code).toBe(2);
  });
});
