import { labelsFor } from '../../src/render/labels.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { allExamples } from '../../examples/batch/make-all-examples.js';

const ALL = 'examples/batch/all-examples.yaml';

describe('a batch of the shipped examples', () => {
  it('examples/batch/all-examples.yaml is current', () => {
    const stale = 'examples/batch/all-examples.yaml is out of date with examples/*.yaml: run `node examples/batch/make-all-examples.js` and commit the file';
    expect(readFileSync(join(ROOT, ALL), 'utf8'), stale).toBe(allExamples());
  });

  it('prints the portfolio view: totals per document and per level, a bar chart by clause, near misses', () => {
    const r = cli(['batch', ALL, '--hints', '--limit', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('按文件汇总');
    expect(r.stdout).toMatch(/ {2}兰政办发〔2022〕3号: [\d,]+\.\d\d \/ [\d,]+\.\d\d \/ \d+ 家/);
    expect(r.stdout).toMatch(/确定金额: [\d,.]+ +\(区县 [\d,.]+ \/ 市 [\d,.]+/);
    // The longest bar belongs to the clause with the largest sure total over the examples (worked out from the JSON Lines report).
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-portfolio-'));
    expect(cli(['batch', ALL, '--out', join(dir, 'r.jsonl')]).code).toBe(0);
    const sums = new Map<string, number>();
    for (const line of readFileSync(join(dir, 'r.jsonl'), 'utf8').trim().split('\n'))
      for (const p of JSON.parse(line).policies ?? [])
        for (const c of p.clauses) if (c.status === 'eligible') sums.set(c.id, (sums.get(c.id) ?? 0) + Number(c.sure));
    const top = Math.max(...sums.values());
    const topId = [...sums].find(([, v]) => v === top)![0];
    // Clauses are named as a reader finds them: document, number, title; no rule ids.
    const bars = [...r.stdout.matchAll(/^ {2}(.+?) +(█+) +([\d,]+\.\d\d) \(\d+\)$/gm)].map((m) => ({
      name: m[1]!,
      len: m[2]!.length,
      amount: Number(m[3]!.replace(/,/g, '')),
    }));
    expect(bars[0]!.len).toBe(30);
    expect(bars[0]!.amount).toBe(top);
    expect(bars[0]!.name).toBe(labelsFor(loadRulesSync(), 'zh').clause(topId));
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.amount <= bars[i - 1]!.amount && bars[i]!.len <= bars[i - 1]!.len).toBe(true);
    expect(r.stdout).not.toMatch(/hangzhou-ecommerce-2022\/|lanxi-2022\//);
    expect(r.stdout).toContain('最常接近下一档的条款');
    expect(r.stdout).toMatch(/缙云电商若干意见（征求意见稿） （一）.*: 1 家，合计可再得 100,000\.00/);
  });

  it('the per-document totals add up to the batch total', () => {
    const out = cli(['batch', ALL, '--limit', '0']).stdout;
    const sure = (s: string) => Number(s.replace(/,/g, ''));
    const total = sure(/确定金额: ([\d,.]+)/.exec(out)![1]!);
    const docs = [...out.matchAll(/^ {2}\S.*: ([\d,.]+) \/ [\d,.]+ \/ \d+ 家$/gm)].map((m) => sure(m[1]!));
    // One line per document of the rule set (counted from the rules, so a new policy does not break this).
    expect(docs.length).toBe(loadRulesSync().policies.length);
    expect(docs.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 2);
  });

  it('--hints puts the next-tier hint in the CSV report and in JSON Lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-portfolio-'));
    expect(cli(['batch', ALL, '--hints', '--out', join(dir, 'r.csv')]).code).toBe(0);
    const csv = readFileSync(join(dir, 'r.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('下一档提示');
    expect(csv).toMatch(/园区限上企业合计网络零售额 再增加 40000000 元，奖励 \+100000\.00/);
    expect(cli(['batch', ALL, '--hints', '--out', join(dir, 'r.jsonl')]).code).toBe(0);
    const lines = readFileSync(join(dir, 'r.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.enterprise?.id === 'JY-001')?.hints).toContainEqual({
      clause: 'jinyun-2025/1a',
      fact: 'park_above_quota_online_retail',
      increase: '40000000',
      gain: '100000.00',
    });
  });

  it('the Markdown report carries the portfolio too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-portfolio-'));
    expect(cli(['batch', ALL, '--out', join(dir, 'r.md')]).code).toBe(0);
    const md = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(md).toContain('### 按文件汇总');
    expect(md).toMatch(/```\n.*█/);
  });
});
