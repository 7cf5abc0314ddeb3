import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fact } from '../schema/fact-schema.js';
import type { Policy } from '../schema/policy-schema.js';
import type { Region } from '../schema/region-schema.js';
import type { Profile, Reading } from '../schema/reading-schema.js';
import { protectDir, protectInput } from '../output/protected-paths.js';
import { type ThresholdLiteral, thresholdLiterals, thresholdsOf } from './read-thresholds.js';
import { hashRuleFiles, ruleHashes } from './rule-fingerprint.js';
import { writeCacheFile } from './write-cache-file.js';

export type { LoadedPolicy, RuleSet } from '../model/rule-set.js';
import type { RuleSet, Switch } from '../model/rule-set.js';

/** rules/ beside dist/ or src/: the shipped rule set. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));
export const CACHE_DIR = process.env.SUBSIDY_CACHE_DIR || fileURLToPath(new URL('../../node_modules/.cache/subsidy', import.meta.url));
// Bumped whenever validation gets stricter or the cached shape changes: 2, every check of `rules lint`
// runs before a set is cached and source texts are part of the key; 3, readings and profiles.
const CACHE_VERSION = 4;

interface Cache {
  version: number;
  fingerprint: string;
  facts: Fact[];
  regions: Region[];
  policies: { file: string; policy: Policy; switches?: Switch[] }[];
  readings: Reading[];
  profiles: Record<string, Profile>;
  /** The comparisons' literals (read-thresholds.ts): the walk that finds them is not made again. */
  thresholds: ThresholdLiteral[];
}

export { ruleFiles } from './rule-fingerprint.js';

const cacheFile = (fp: string) => join(CACHE_DIR, `rules-${fp.slice(0, 16)}.json`);

/** The cache key of a rule directory's current files and the cache file's name (for tests of the cache). */
export function ruleCacheKey(dir: string): { fingerprint: string; name: string } | undefined {
  const fp = hashRuleFiles(dir)?.key;
  return fp ? { fingerprint: fp, name: basename(cacheFile(fp)) } : undefined;
}

function fromCache(dir: string, fp: string): RuleSet | undefined {
  try {
    // From a buffer: readFileSync's own utf8 path made a third more page faults on this file.
    const c = JSON.parse(readFileSync(cacheFile(fp)).toString()) as Cache;
    if (c.version !== CACHE_VERSION || c.fingerprint !== fp) return undefined;
    const facts = new Map(c.facts.map((f) => [f.id, f]));
    const policies: RuleSet['policies'] = c.policies.map(({ file, policy, switches }) => ({
      file,
      policy,
      switches,
      source: { file, data: policy, locate: (path) => ({ file, field: path.join('.') }) },
    }));
    return {
      dir,
      facts,
      regions: new Map(c.regions.map((r) => [r.code, r])),
      policies,
      readings: c.readings,
      choices: Object.fromEntries(c.readings.map((r) => [r.id, r.default])),
      profiles: c.profiles,
      // The literals, not their values: each is read when first compared with.
      thresholds: thresholdsOf(facts, c.thresholds),
    };
  } catch {
    return undefined;
  }
}

function toCache(set: RuleSet, fp: string): void {
  const c: Cache = {
    version: CACHE_VERSION,
    fingerprint: fp,
    facts: [...set.facts.values()],
    regions: [...set.regions.values()],
    policies: set.policies.map((p) => ({ file: p.file, policy: p.policy, switches: p.switches })),
    readings: set.readings,
    profiles: set.profiles,
    thresholds: thresholdLiterals(set),
  };
  writeCacheFile(cacheFile(fp), JSON.stringify(c));
}

/**
 * Loads a rule directory. The first load of a given set of files runs every check
 * `rules lint` runs (schemas, references, numbers, source texts) and refuses the set
 * on any error; only a set that passed is kept in the cache, keyed by the files' hash.
 * Later loads of the same bytes skip YAML parsing, zod and the checks, which is most
 * of start-up. `fresh` forces validation.
 */
export async function loadRules(dir = DEFAULT_RULES_DIR, regimeFile?: string, opts: { fresh?: boolean } = {}): Promise<RuleSet> {
  // What the run reads is never an output: the rule directory, the cache and the regime file.
  protectDir(dir);
  protectDir(CACHE_DIR);
  if (regimeFile) protectInput(regimeFile);
  const hashes = opts.fresh ? undefined : ruleHashes(dir, CACHE_DIR);
  const fp = hashes?.key;
  const cached = fp ? fromCache(dir, fp) : undefined;
  const printed = hashes && { filesFingerprint: hashes.printed };
  if (cached && !regimeFile) return { ...cached, ...printed };
  const { validateRules, validateRegime } = await import('./validate-rules.js');
  if (cached && regimeFile) return { ...cached, ...printed, regime: validateRegime(regimeFile, cached) };
  const set = validateRules(dir, regimeFile);
  if (fp) toCache(set, fp);
  return { ...set, ...printed };
}
