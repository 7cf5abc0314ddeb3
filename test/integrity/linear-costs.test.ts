import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/errors/did-you-mean.js';
import { LISTED_PER_KIND } from '../../src/errors/finding-budget.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { validateFor, MAX_ANSWER_CHARS } from '../../src/interview/ask-fact.js';
import { readYaml } from '../../src/load/read-yaml.js';
import { cli } from '../helpers/cli.js';
import { shippedRules } from '../helpers/mini-rules.js';
import { scratch } from './files.js';

// Class 11 of issue 14: cost out of proportion. Did-you-mean and unknown-name reports are
// bounded (the first LISTED_PER_KIND, then a count), so thousands of unknown keys or columns
// cost a little more than a few, and an over-long answer is refused before it is read.
const s = scratch('linear');
const set = shippedRules();

function record(keys: number): string {
  let text = 'region: 兰溪市\nyear: 2023\n';
  for (let i = 0; i < keys; i++) text += `top_${i}: 1\n`;
  text += 'facts:\n';
  for (let i = 0; i < keys; i++) text += `  unknown_fact_${i}: 1\n`;
  return text;
}

const timed = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
};

describe('unknown keys in one record', { timeout: 120_000 }, () => {
  it('16,000 unknown facts and 16,000 unknown fields: ten of each named, the rest counted, in time that grows with the count, not its square', () => {
    const run = (n: number) => {
      const src = readYaml(record(n), 'r.yaml');
      return toEnterprise(set, src.data, src.locate);
    };
    run(1600); // warm up
    const [small, tSmall] = timed(() => run(1600));
    const [big, tBig] = timed(() => run(16000));
    for (const r of [small, big]) {
      expect(r.findings.filter((f) => f.code === 'UNKNOWN_FACT')).toHaveLength(LISTED_PER_KIND);
      expect(r.findings.filter((f) => f.code === 'UNKNOWN_FIELD')).toHaveLength(LISTED_PER_KIND);
    }
    expect(
      big.findings
        .filter((f) => f.code === 'MORE_FINDINGS')
        .map((f) => f.args.count)
        .sort(),
    ).toEqual([15990, 15990]);
    // Ten times the keys: linear costs about ten times as much, a did-you-mean per key a hundred.
    expect(tBig, `1,600 keys ${tSmall.toFixed(0)} ms, 16,000 keys ${tBig.toFixed(0)} ms`).toBeLessThan(25 * tSmall + 300);
  });

  it('as JSON (a JSON Lines record): refused in under a second', () => {
    const rec = { region: '兰溪市', year: 2023, facts: Object.fromEntries(Array.from({ length: 16000 }, (_, i) => [`unknown_fact_${i}`, 1])) };
    const line = JSON.stringify(rec);
    const [r, ms] = timed(() => toEnterprise(set, JSON.parse(line), () => ({})));
    expect(r.enterprise).toBeUndefined();
    expect(r.findings).toHaveLength(LISTED_PER_KIND + 1);
    expect(ms).toBeLessThan(1000);
  });

  it('the CLI prints a bounded report for them, for YAML and for a JSON Lines batch', () => {
    const yaml = cli(['calc', s.write('k.yaml', record(16000)), '--lang', 'en']);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr.trim().split('\n').length).toBeLessThanOrEqual(2 * LISTED_PER_KIND + 2);
    expect(yaml.stderr).toContain('[MORE_FINDINGS] 15990 more problems not listed');
    const facts = Object.fromEntries(Array.from({ length: 16000 }, (_, i) => [`unknown_fact_${i}`, 1]));
    const jsonl = cli(['batch', s.write('k.jsonl', JSON.stringify({ region: '兰溪市', year: 2023, facts }) + '\n'), '--lang', 'en']);
    expect(jsonl.code).toBe(1);
    expect(jsonl.stderr.split('\n').filter((l) => l.includes('UNKNOWN_FACT'))).toHaveLength(LISTED_PER_KIND);
  });
});

describe('unknown columns and history lines', { timeout: 120_000 }, () => {
  it('10,000 unknown CSV columns: ten lines and a count, not 10,001 lines', () => {
    let head = 'id,region,year';
    for (let i = 0; i < 10000; i++) head += `,col${i}`;
    const r = cli(['batch', s.write('cols.csv', `${head}\nE1,兰溪市,2023${',x'.repeat(10000)}\n`), '--lang', 'en']);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('[UNKNOWN_COLUMN]'))).toHaveLength(LISTED_PER_KIND);
    expect(lines.filter((l) => l.includes('[MORE_FINDINGS] 9990 more'))).toHaveLength(1);
    expect(lines.length).toBeLessThanOrEqual(LISTED_PER_KIND + 2);
  });

  it('a history file with 10,000 lines naming unknown clauses: bounded, and refused', () => {
    let text = 'id,clause,field,value\n';
    for (let i = 0; i < 10000; i++) text += `E${i},no-such/${i},paid_total,1万\n`;
    const r = cli(['batch', s.write('rows.csv', 'id,region,year\nE1,兰溪市,2023\n'), '--history', s.write('hist.csv', text), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(LISTED_PER_KIND + 1);
    expect(r.stderr).toContain('[MORE_FINDINGS] 9990 more');
  });
});

describe('over-long words and answers', { timeout: 120_000 }, () => {
  it('did-you-mean for a 10,000-character word returns at once, with no suggestion', () => {
    const [hit, ms] = timed(() => didYouMean('x'.repeat(10000), [...set.facts.keys()]));
    expect(hit).toBeUndefined();
    expect(ms).toBeLessThan(50);
  });

  it('a 10,000-character answer in the interview is refused at once, saying how long it may be', () => {
    for (const fact of [set.facts.get('online_sales')!, [...set.facts.values()].find((f) => f.type === 'money_list')!]) {
      const [msg, ms] = timed(() => validateFor(fact, 'en')('1'.repeat(10000)));
      expect(msg).toBe(`[TOO_LONG] too long: 10000 characters, at most ${MAX_ANSWER_CHARS}`);
      expect(ms).toBeLessThan(20);
    }
    expect(validateFor(set.facts.get('online_sales')!, 'en')('500万')).toBe(true);
  });
});

describe('a file with many problems of other kinds', { timeout: 120_000 }, () => {
  it('a command prints fifty findings and how many more there are', () => {
    let text = 'id,clause,field,value\n';
    for (let i = 0; i < 200; i++) text += `E${i},lanxi-2022/3,years_paid,很多\n`;
    const r = cli(['batch', s.write('rows3.csv', 'id,region,year\nE1,兰溪市,2023\n'), '--history', s.write('hist3.csv', text), '--lang', 'en']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.includes('[BAD_VALUE]'))).toHaveLength(50);
    expect(lines.at(-1)).toBe('[MORE_FINDINGS] 150 more problems not listed');
  });
});
