import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fact } from '../schema/fact-schema.js';
import type { Policy } from '../schema/policy-schema.js';
import type { Region, RegimeFile } from '../schema/region-schema.js';
import type { YamlSource } from './read-yaml.js';

export interface LoadedPolicy {
  policy: Policy;
  file: string;
  source: YamlSource;
}

export interface RuleSet {
  dir: string;
  facts: Map<string, Fact>;
  regions: Map<string, Region>;
  policies: LoadedPolicy[];
  regime?: { file: string; data: RegimeFile };
}

/** rules/ beside dist/ or src/: the shipped rule set. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules', import.meta.url));
const CACHE_DIR = process.env.SUBSIDY_CACHE_DIR || fileURLToPath(new URL('../../node_modules/.cache/subsidy', import.meta.url));
const CACHE_VERSION = 1;

interface Cache {
  version: number;
  fingerprint: string;
  facts: Fact[];
  regions: Region[];
  policies: { file: string; policy: Policy }[];
}

/** The files that decide results, in a fixed order: the fact dictionary, the regions, the policies. */
export function ruleFiles(dir: string): string[] {
  const list = (d: string) => {
    try {
      return readdirSync(d).filter((n) => n.endsWith('.yaml')).sort().map((n) => join(d, n));
    } catch {
      return [];
    }
  };
  return [join(dir, 'facts.yaml'), ...list(join(dir, 'facts')), join(dir, 'regions.yaml'), ...list(join(dir, 'policies'))];
}

/** A hash of every rule file's name and bytes: a cached rule set is used only for identical files. */
function fingerprint(dir: string): string | undefined {
  const h = createHash('sha256');
  try {
    for (const f of ruleFiles(dir)) h.update(f).update('\0').update(readFileSync(f)).update('\0');
  } catch {
    return undefined;
  }
  return h.digest('hex');
}

const cacheFile = (fp: string) => join(CACHE_DIR, `rules-${fp.slice(0, 16)}.json`);

function fromCache(dir: string, fp: string): RuleSet | undefined {
  try {
    const c = JSON.parse(readFileSync(cacheFile(fp), 'utf8')) as Cache;
    if (c.version !== CACHE_VERSION || c.fingerprint !== fp) return undefined;
    return {
      dir,
      facts: new Map(c.facts.map((f) => [f.id, f])),
      regions: new Map(c.regions.map((r) => [r.code, r])),
      policies: c.policies.map(({ file, policy }) => ({ file, policy, source: { file, data: policy, locate: (path) => ({ file, field: path.join('.') }) } })),
    };
  } catch {
    return undefined;
  }
}

function toCache(set: RuleSet, fp: string): void {
  const c: Cache = { version: CACHE_VERSION, fingerprint: fp, facts: [...set.facts.values()], regions: [...set.regions.values()], policies: set.policies.map((p) => ({ file: p.file, policy: p.policy })) };
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${cacheFile(fp)}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(c));
    renameSync(tmp, cacheFile(fp));
  } catch {
    // A read-only install just goes without the cache.
  }
}

/**
 * Loads a rule directory. The first load of a given set of files validates
 * everything (zod schemas, references) and keeps the result in a cache keyed
 * by the files' hash; later loads of the same bytes skip YAML parsing and zod,
 * which is most of start-up. `fresh` forces validation (lint does).
 */
export async function loadRules(dir = DEFAULT_RULES_DIR, regimeFile?: string, opts: { fresh?: boolean } = {}): Promise<RuleSet> {
  const fp = opts.fresh ? undefined : fingerprint(dir);
  const cached = fp ? fromCache(dir, fp) : undefined;
  if (cached && !regimeFile) return cached;
  const { validateRules, validateRegime } = await import('./validate-rules.js');
  if (cached && regimeFile) return { ...cached, regime: validateRegime(regimeFile) };
  const set = validateRules(dir, regimeFile);
  if (fp) toCache(set, fp);
  return set;
}

