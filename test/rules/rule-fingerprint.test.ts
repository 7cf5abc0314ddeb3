import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/load/load-rules.js';
import { hashRuleFiles, ruleHashes } from '../../src/load/rule-fingerprint.js';
import { rulesFingerprint } from '../../src/provenance/provenance.js';

// The rule files' hashes are remembered by their status (src/load/rule-fingerprint.ts), so a
// start need not read them. Whatever happens to the files, what ruleHashes gives must be the
// hashes of the bytes on disk now: a stale key would load an old rule set's cached numbers.

const OLD = new Date('2020-01-01T00:00:00Z');

/** A directory shaped like rules/ (only the hashes are taken here, so any bytes do). */
function ruleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'subsidy-rule-hash-'));
  for (const sub of ['facts', 'policies', 'sources']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'facts.yaml'), 'facts: []\n');
  writeFileSync(join(dir, 'regions.yaml'), 'regions: []\n');
  writeFileSync(join(dir, 'policies', 'a.yaml'), 'id: a\namount: 10\n');
  writeFileSync(join(dir, 'policies', 'b.yaml'), 'id: b\namount: 20\n');
  writeFileSync(join(dir, 'sources', 'a.txt'), '一次性给予5万元奖励。\n');
  // Whole-second modification times, as an archive or `cp -p` leaves them: put back exactly after an edit.
  for (const f of ['facts.yaml', 'regions.yaml', 'policies/a.yaml', 'policies/b.yaml', 'sources/a.txt']) utimesSync(join(dir, f), OLD, OLD);
  return dir;
}

const memoOf = (cache: string) => join(cache, readdirSync(cache).find((n) => n.startsWith('files-'))!);
const fresh = (dir: string) => hashRuleFiles(dir);
const SENTINEL = { key: 'remembered', printed: 'remembered' };

/** Replaces the remembered hashes by a sentinel: if ruleHashes returns it, it trusted the memo. */
function plantSentinel(cache: string): void {
  const memo = memoOf(cache);
  writeFileSync(memo, JSON.stringify({ ...JSON.parse(readFileSync(memo, 'utf8')), hashes: SENTINEL }));
}

/** Same length, other bytes, and the old modification time put back (as `cp -p` or an editor may). */
function editKeepingSizeAndMtime(file: string): void {
  const before = statSync(file);
  const text = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    text.replace(/\d/, (d) => String((Number(d) + 1) % 10)),
  );
  utimesSync(file, before.atimeMs / 1000, before.mtimeMs / 1000);
}

describe('rule file hashes', () => {
  it('print the fingerprint provenance computes from the files', async () => {
    const set = await loadRules(undefined, undefined, {});
    expect(set.filesFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(rulesFingerprint(set).fingerprint).toBe(rulesFingerprint({ ...set, filesFingerprint: undefined }).fingerprint);
  });

  it('are remembered only for files that had settled, and any change to a file is seen', async () => {
    const dir = ruleDir();
    const cache = mkdtempSync(join(tmpdir(), 'subsidy-rule-hash-cache-'));
    // Just written: not settled, so the memo is not trusted yet.
    expect(ruleHashes(dir, cache)).toEqual(fresh(dir));
    plantSentinel(cache);
    expect(ruleHashes(dir, cache)).toEqual(fresh(dir));
    // Once the files are older than the settling time, the memo written after that is trusted.
    await new Promise((r) => setTimeout(r, 2100));
    expect(ruleHashes(dir, cache)).toEqual(fresh(dir));
    plantSentinel(cache);
    expect(ruleHashes(dir, cache)).toEqual(SENTINEL);
    // A same-size edit with the old mtime put back still changes the ctime: hashed again.
    const a = join(dir, 'policies', 'a.yaml');
    editKeepingSizeAndMtime(a);
    expect(statSync(a).mtime).toEqual(OLD);
    expect(ruleHashes(dir, cache)).toEqual(fresh(dir));
    expect(fresh(dir)).not.toEqual(SENTINEL);
  }, 20_000);

  it('are always those of the bytes on disk, over any sequence of edits, renames, additions and removals', () => {
    const edits = fc.constantFrom('edit', 'append', 'rename', 'add', 'remove', 'hash', 'hash');
    fc.assert(
      fc.property(fc.array(fc.tuple(edits, fc.nat(5)), { minLength: 1, maxLength: 12 }), (steps) => {
        const dir = ruleDir();
        const cache = mkdtempSync(join(tmpdir(), 'subsidy-rule-hash-cache-'));
        const policies = () => readdirSync(join(dir, 'policies')).map((n) => join(dir, 'policies', n));
        const pick = (i: number) => {
          const all = [join(dir, 'facts.yaml'), join(dir, 'sources', 'a.txt'), ...policies()];
          return all[i % all.length]!;
        };
        for (const [step, i] of steps) {
          if (step === 'edit') editKeepingSizeAndMtime(pick(i));
          if (step === 'append') writeFileSync(pick(i), `${readFileSync(pick(i), 'utf8')}#\n`);
          if (step === 'rename' && policies().length) renameSync(policies()[i % policies().length]!, join(dir, 'policies', `r${i}-${Date.now()}.yaml`));
          if (step === 'add') writeFileSync(join(dir, 'policies', `n${i}.yaml`), `id: n${i}\n`);
          if (step === 'remove' && policies().length > 1) rmSync(policies()[i % policies().length]!);
          expect(ruleHashes(dir, cache)).toEqual(fresh(dir));
        }
        rmSync(dir, { recursive: true });
        rmSync(cache, { recursive: true });
      }),
      { numRuns: 40 },
    );
  });
});
