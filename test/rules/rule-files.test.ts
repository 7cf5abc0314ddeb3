import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulesSync as loadRules } from '../../src/load/load-rules-sync.js';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { lintRules } from '../../src/lint/lint-rules.js';
import { squeeze } from '../../src/lint/source-items.js';
import { coverage } from '../../src/lint/coverage.js';
import { jsonSchemas } from '../../src/schema/emit-json-schema.js';
import { cli } from '../helpers/cli.js';

const set = loadRules();

describe('the shipped rules', () => {
  it('every quote is verbatim in its source text (white space aside)', () => {
    let checked = 0;
    for (const { policy } of set.policies) {
      const source = squeeze(readFileSync(join(DEFAULT_RULES_DIR, 'sources', policy.source), 'utf8'));
      for (const c of policy.clauses)
        for (const q of Array.isArray(c.quote) ? c.quote : [c.quote]) {
          expect(source.includes(squeeze(q)), `${c.id}: ${q.slice(0, 40)}`).toBe(true);
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(15);
  });
  it('lint finds nothing', () => {
    expect(lintRules(set)).toEqual([]);
  });
  it('coverage: no numbered item of any text is unaccounted for', () => {
    for (const row of coverage(set)) expect(row.unaccounted, row.policy).toEqual([]);
  });
  it('the JSON Schema files are fresh (run `subsidy schema` after changing src/schema)', () => {
    for (const [name, text] of Object.entries(jsonSchemas()))
      expect(readFileSync(join(DEFAULT_RULES_DIR, 'schema', name), 'utf8'), name).toBe(text);
  });
});

describe('lint on a broken copy', () => {
  function brokenCopy(edit: (text: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-rules-'));
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    const file = join(dir, 'policies', 'lanxi-2022.yaml');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return dir;
  }
  it('a condition on an unknown fact fails with file, line and a suggestion (exit 2: the rules do not load)', () => {
    const dir = brokenCopy((t) => t.replace('{ fact: service_income, op', '{ fact: service_incme, op'));
    const r = cli(['rules', 'lint', '--rules', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lanxi-2022\.yaml:\d+:\d+.*RULE_UNKNOWN_FACT.*service_incme.*did you mean service_income/);
  });
  it('a quote that is not in the source fails with its line (exit 1)', () => {
    const dir = brokenCopy((t) => t.replace('一次性给予5万元奖励。', '一次性给予6万元奖励。'));
    const r = cli(['rules', 'lint', '--rules', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lanxi-2022\.yaml:\d+:\d+.*RULE_QUOTE_NOT_FOUND/);
  });
  it('tiers out of order and a cap below the least award are caught', () => {
    const dir = brokenCopy((t) => t.replace('- { at: 1000万, amount: 10万 }', '- { at: 400万, amount: 10万 }').replace("award: { kind: fixed, amount: 10万 }", "award: { kind: fixed, amount: 10万 }\n    caps: [{ amount: 5万, per: item }]"));
    const findings = lintRules(loadRules(dir));
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['RULE_TIERS', 'RULE_CAP_BELOW_THRESHOLD']));
    expect(findings.every((f) => f.file?.endsWith('lanxi-2022.yaml') && f.line! > 0)).toBe(true);
  });
  it('a numbered item with no clause is reported', () => {
    const dir = brokenCopy((t) => t.replace(/  - id: lanxi-2022\/16\n[\s\S]*?status: provision\n/, ''));
    expect(lintRules(loadRules(dir)).some((f) => String(f.args.detail).includes('numbered item 16'))).toBe(true);
  });
});
