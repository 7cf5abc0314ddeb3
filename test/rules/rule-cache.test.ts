import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleCacheKey } from '../../src/load/load-rules.js';
import { brokenCopy } from '../helpers/broken-rules.js';
import { cli } from '../helpers/cli.js';

// Each test runs calc several times, validating whole rule sets: more than 20 s on a busy two-core machine.
describe('the rule cache carries no set past the checks', () => {
  const cache = mkdtempSync(join(tmpdir(), 'subsidy-rule-cache-'));
  const env = { SUBSIDY_CACHE_DIR: cache };
  const calc = (dir: string) => cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', dir, '--lang', 'en'], undefined, env);
  const cached = () => readdirSync(cache).filter((n) => n.startsWith('rules-'));
  const { dir } = brokenCopy([]);
  const file = join(dir, 'policies', 'lanxi-2022.yaml');

  it('a set that passes is cached once, under the current cache version', () => {
    expect(calc(dir).code).toBe(0);
    expect(cached()).toEqual([ruleCacheKey(dir)!.name]);
    const entry = JSON.parse(readFileSync(join(cache, ruleCacheKey(dir)!.name), 'utf8'));
    expect(entry.version).toBe(4);
    expect(calc(dir).code).toBe(0);
  }, 120_000);

  it('a set that fails is refused on every run and never cached', () => {
    const clean = readFileSync(join(cache, ruleCacheKey(dir)!.name), 'utf8');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- { at: 1000万, amount: 10万 }', '- { at: 500万, amount: 10万 }'));
    for (let i = 0; i < 2; i++) {
      const r = calc(dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('[RULE_TIER_ORDER]');
    }
    expect(existsSync(join(cache, ruleCacheKey(dir)!.name))).toBe(false);
    // An entry an earlier version wrote for these very files (it cached what lint rejected) is not trusted.
    const key = ruleCacheKey(dir)!;
    writeFileSync(join(cache, key.name), JSON.stringify({ ...JSON.parse(clean), version: 1, fingerprint: key.fingerprint }));
    expect(calc(dir).code).toBe(2);
  }, 120_000);

  it('editing a source text invalidates the cache too (quotes are checked against it)', () => {
    const { dir: other } = brokenCopy([]);
    expect(calc(other).code).toBe(0);
    const text = join(other, 'sources', '004_d6af3fc7f217a3e7.txt');
    writeFileSync(text, readFileSync(text, 'utf8').replace('一次性给予5万元奖励。', '一次性给予6万元奖励。'));
    const r = calc(other);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[RULE_QUOTE_NOT_FOUND]');
  }, 120_000);
});
