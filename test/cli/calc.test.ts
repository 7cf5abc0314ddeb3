import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const EXAMPLE = 'examples/lanxi-cross-border-seller.yaml';

describe('subsidy calc', () => {
  it('prints the itemised table with the split and totals', () => {
    const r = cli(['calc', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('鼓励跨境电商发展');
    expect(r.stdout).toMatch(/100,000\.00 │ +100,000\.00/);
    expect(r.stdout).toContain('确定金额: 218,000.00');
  });
  it('--format json gives the same numbers, with a schema version', () => {
    const j = JSON.parse(cli(['calc', EXAMPLE, '--format', 'json']).stdout);
    expect(j.schemaVersion).toBe(2);
    expect(j.totals.sure).toBe('218000.00');
    const c8 = j.policies.find((p: { id: string }) => p.id === 'lanxi-2022').clauses.find((c: { id: string }) => c.id === 'lanxi-2022/8');
    expect(c8).toMatchObject({ status: 'eligible', amount: '100000.00' });
    expect(c8.split.parts).toEqual([{ level: 'local', share: '1', amount: '100000.00' }]);
  });
  it('--explain shows the arithmetic and the quote', () => {
    const out = cli(['calc', EXAMPLE, '--explain']).stdout;
    expect(out).toContain('min(80% × 60,000, 12 × 400 × 12)');
    expect(out).toContain('“企业到Ebay、Amazon');
    expect(out).toContain('上限 (year) 40,000');
  });
  it('csv and md formats render', () => {
    expect(cli(['calc', EXAMPLE, '--format', 'csv']).stdout.split('\r\n')[0]).toContain('文件,条款');
    expect(cli(['calc', EXAMPLE, '--format', 'md', '--lang', 'en']).stdout).toContain('| Document |');
  });
  it('reads stdin with -', () => {
    const yaml = 'region: 兰溪市\nyear: 2023\nfacts:\n  agri_online_sales: 60万\n';
    expect(cli(['calc', '-', '--format', 'json'], yaml).code).toBe(0);
  });
});

describe('bad input to calc', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subsidy-calc-'));
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  it('a misspelt fact: exit 2, the line, and a suggestion', () => {
    const f = write('typo.yaml', 'region: 兰溪市\nyear: 2023\nfacts:\n  online_sales: 100万\n  agri_onlin_sales: 60万\n');
    const r = cli(['calc', f, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/typo\.yaml:5:\d+.*UNKNOWN_FACT.*agri_onlin_sales.*did you mean agri_online_sales/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
  it('an unknown region gets a suggestion', () => {
    const r = cli(['calc', write('region.yaml', 'region: 兰西市\nyear: 2023\n'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/UNKNOWN_REGION.*兰西市.*did you mean 兰溪市/);
  });
  it('a missing file, bad YAML and a bad amount each exit 2 with a message', () => {
    expect(cli(['calc', join(dir, 'nope.yaml')]).stderr).toContain('FILE_NOT_FOUND');
    expect(cli(['calc', write('bad.yaml', 'region: [\n')]).code).toBe(2);
    const amount = cli(['calc', write('amount.yaml', 'region: 兰溪市\nyear: 2023\nfacts:\n  online_sales: 很多\n')]);
    expect(amount.code).toBe(2);
    expect(amount.stderr).toMatch(/amount\.yaml:4.*BAD_VALUE/);
  });
  it('an unknown option is a usage error, exit 2', () => {
    expect(cli(['calc', EXAMPLE, '--formt', 'json']).code).toBe(2);
  });
});

describe('calc --explain on a Hangzhou example', () => {
  it('shows for each eligible clause the substituted arithmetic, the quote and where the shares come from', () => {
    const out = cli(['calc', 'examples/hangzhou-ecommerce-2022-xihu-express.yaml', '--explain']).stdout;
    const blocks = out.split('\n\n').filter((b) => b.startsWith('■') && b.includes('— 可获得'));
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const b of blocks) {
      expect(b).toMatch(/计算: .*= [\d,.]+/);
      expect(b).toMatch(/原文（.*）: “.+”/);
      expect(b).toMatch(/分担依据: hangzhou-ecommerce-2022 （二十）/);
    }
    expect(out).toContain('2,500,000 ≥ 2,000,000 → 400,000');
  });
});
