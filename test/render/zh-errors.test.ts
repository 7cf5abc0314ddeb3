import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { cli } from '../helpers/cli.js';

/**
 * Error messages a Chinese reader gets for bad data are Chinese: the value is
 * named by the fact's label and the reason is worded in Chinese. What may stay
 * in Latin letters: the error code in brackets, the file's name, what the user
 * wrote (quoted) and a few names that have no Chinese (CSV, UTF-8, GBK …).
 * Every fact of the loaded rule set is fed every kind of bad value, in a CSV
 * batch and in a YAML record, so a new fact or type is checked too.
 */
const set = loadRulesSync();
const facts = [...set.facts.values()];
const BAD = ['abc', '12,34', '1e999', '-5', '5美元', '500万元人民币x', '1.5', '1000000000000000', '150', '50%', '2024-13-45', '也许'];
const ALLOWED = new Set(['CSV', 'UTF', 'GBK', 'GB18030', 'YAML', 'JSON', 'NUL', 'e999']);
// Latin inside the dictionary's own Chinese labels (B2C, MCN) is how the template names them.
for (const f of facts)
  for (const t of [f.label.zh, ...(f.values ?? []).map((v) => v.zh)]) for (const m of t.matchAll(/[A-Za-z][A-Za-z0-9_]+/g)) ALLOWED.add(m[0]);
const dir = mkdtempSync(join(tmpdir(), 'subsidy-zh-errors-'));

/** Latin words left once codes, quoted input and allowed names are taken out. */
function english(line: string, file: string): string[] {
  const bare = line
    .replaceAll(file, '')
    .replace(/\[[A-Z_]+\]/g, '')
    .replace(/"+[^"]*"+|“[^”]*”/g, '');
  return [...bare.matchAll(/[A-Za-z][A-Za-z0-9_]+/g)].map((m) => m[0]).filter((w) => !ALLOWED.has(w));
}

describe('Chinese error messages for bad data', () => {
  it('a CSV batch: every fact, every kind of bad value', () => {
    const file = join(dir, 'bad.csv');
    const rows = BAD.map((v, i) => [`E${i}`, `企业${i}`, '兰溪市', '2024', ...facts.map(() => v)].map((c) => `"${c}"`).join(','));
    writeFileSync(file, [['企业编号', '企业名称', '地区', '年度', ...facts.map((f) => f.label.zh)].join(','), ...rows].join('\n'));
    const r = cli(['batch', file, '--out', join(dir, 'bad-report.csv')]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.includes('['));
    expect(lines.length).toBeGreaterThan(BAD.length);
    for (const l of lines) expect(english(l, file), l).toEqual([]);
    // The report's error rows carry the same words.
    const errorRows = readFileSync(join(dir, 'bad-report.csv'), 'utf8')
      .split('\n')
      .filter((x) => x.includes(',错误,'));
    expect(errorRows).toHaveLength(BAD.length);
    for (const l of errorRows) expect(english(l.slice(l.indexOf('字段')), file), l.slice(0, 200)).toEqual([]);
  });

  it('a YAML record names the fact by its label, not its id', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `region: 兰溪市\nyear: 2024\nfacts:\n${facts.map((f) => `  ${f.id}: abc`).join('\n')}\n`);
    const r = cli(['calc', file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.includes('[BAD_VALUE]'));
    expect(lines.length).toBeGreaterThan(0);
    // The field path is what the user wrote (facts.<id>); the message after the code is Chinese.
    for (const l of lines) expect(english(l.slice(l.indexOf('[')), file), l).toEqual([]);
  });
});
