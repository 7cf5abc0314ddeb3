import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulesSync as loadRules } from '../../src/load/load-rules-sync.js';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { checkRules } from '../../src/load/validate-rules.js';
import { squeeze } from '../../src/check/source-items.js';
import { coverage, coverageFails } from '../../src/lint/coverage.js';
import { jsonSchemas } from '../../src/schema/emit-json-schema.js';
import { thrownCode } from '../helpers/thrown-code.js';
import { brokenCopy } from '../helpers/broken-rules.js';

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
  it('lint finds nothing, not even an unfinished clause', () => {
    expect(checkRules(DEFAULT_RULES_DIR).findings).toEqual([]);
  });
  it('coverage: every document has items, and no numbered item of any text is unaccounted for', () => {
    for (const row of coverage(set)) {
      expect(row.unaccounted, row.policy).toEqual([]);
      expect(coverageFails(row), row.policy).toBe(false);
    }
  });
  it('the JSON Schema files are fresh (run `subsidy schema` after changing src/schema)', () => {
    for (const [name, text] of Object.entries(jsonSchemas())) expect(readFileSync(join(DEFAULT_RULES_DIR, 'schema', name), 'utf8'), name).toBe(text);
  });
});

describe('loading refuses what lint rejects', () => {
  it('a broken copy does not load: the first finding is the one lint reports', () => {
    const { dir } = brokenCopy([{ file: 'policies/lanxi-2022.yaml', find: '- { at: 1000万, amount: 10万 }', replace: '- { at: 400万, amount: 10万 }' }]);
    expect(thrownCode(() => loadRules(dir))).toBe('RULE_TIER_ORDER');
    expect(checkRules(dir).findings.map((f) => f.code)).toEqual(['RULE_TIER_ORDER']);
  });
});
