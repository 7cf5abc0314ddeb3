import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { SubsidyError } from '../errors/subsidy-error.js';
import type { Finding } from '../errors/codes.js';
import { FactFileSchema, type Fact } from '../schema/fact-schema.js';
import { ProfileSchema, ReadingFileSchema, type Profile } from '../schema/reading-schema.js';
import { parsePolicy } from './load-policy.js';
import { checkReadings } from '../check/check-readings.js';
import { RegionFileSchema, RegimeFileSchema, type Region } from '../schema/region-schema.js';
import { byPlace, isBlocking, lintPolicy, lintRuleSet } from '../check/lint-rules.js';
import type { PlacedFact } from '../check/check-dictionary.js';
import { checkRegime } from '../check/check-regime.js';
import { readYaml, type YamlSource } from './read-yaml.js';
import { readTextFile } from './read-text-file.js';
import { zodFindings } from './zod-findings.js';
import { readThresholds } from './read-thresholds.js';
import type { LoadedPolicy, RuleSet } from '../model/rule-set.js';

/** Each policy under its other readings is checked like the default one; what only an option gets wrong is added. */
function lintVariants(set: RuleSet, variants: LoadedPolicy[][], base: Finding[]): Finding[] {
  const key = (f: Finding) => `${f.code} ${f.file} ${f.line} ${f.column}`;
  const seen = new Set(base.map(key));
  const out: Finding[] = [];
  for (const vs of variants) for (const v of vs) for (const f of lintPolicy({ ...set, policies: [v] }, v)) if (!seen.has(key(f))) seen.add(key(f)), out.push(f);
  return out;
}

/** rules/readings.yaml (optional: a rule set may have no ambiguities) and the profiles in rules/profiles/. */
function readReadings(dir: string, findings: Finding[]) {
  const file = join(dir, 'readings.yaml');
  const parsed = existsSync(file) ? parseFile(ReadingFileSchema, file, findings) : undefined;
  const list = parsed?.data.readings ?? [];
  const profiles: Record<string, Profile> = {};
  const profileAt: Record<string, YamlSource['locate']> = {};
  for (const f of listYaml(join(dir, 'profiles'))) {
    const p = parseFile(ProfileSchema, f, findings);
    if (!p) continue;
    const name = basename(f, '.yaml');
    profiles[name] = p.data;
    profileAt[name] = p.src.locate;
  }
  return { list, byId: new Map(list.map((r) => [r.id, r])), profiles, profileAt, locate: parsed?.src.locate ?? (() => ({ file })) };
}

function readFile(file: string, findings: Finding[]): YamlSource | undefined {
  try {
    return readSource(file);
  } catch (e) {
    if (e instanceof SubsidyError) findings.push(...e.findings);
    else throw e;
    return undefined;
  }
}

function readSource(file: string): YamlSource {
  // Bounded like every file read whole: a rule file is data from whoever wrote it.
  return readYaml(readTextFile(file), file);
}

/** Reads and parses one file; a file that cannot be read or parsed adds its findings and gives undefined. */
function parseFile<T>(schema: z.ZodType<T>, file: string, findings: Finding[]): { src: YamlSource; data: T } | undefined {
  try {
    const src = readSource(file);
    const r = schema.safeParse(src.data);
    if (r.success) return { src, data: r.data };
    findings.push(...zodFindings(r.error, src));
  } catch (e) {
    if (e instanceof SubsidyError) findings.push(...e.findings);
    else throw e;
  }
  return undefined;
}

export interface CheckedRules {
  /** The set as parsed; absent when the dictionary or the regions could not be read. */
  set?: RuleSet;
  /** Everything found, in file and line order; see isBlocking for what stops a load. */
  findings: Finding[];
}

/**
 * Reads a whole rule directory (facts, regions, every policy; optionally a regime
 * file) and runs every check on it, collecting all findings. The one validation:
 * loading refuses a set with any blocking finding, and `rules lint` prints them all.
 */
export function checkRules(dir: string, regimeFile?: string): CheckedRules {
  // A run that checks the rule files runs code later runs (served from the rule cache) never
  // do: the CLI's launcher (cli/launch.ts) keeps no code cache from it, or every later start
  // would deserialise the checks' compiled code too (a fifth more, on the shipped rules).
  (globalThis as Record<symbol, unknown>)[Symbol.for('subsidy.checkedRules')] = true;
  const findings: Finding[] = [];
  // One dictionary, possibly kept in several files by topic (rules/facts.yaml and rules/facts/*.yaml).
  const placed: PlacedFact[] = [];
  const factSeen = new Map<string, string>();
  let dictionaryRead = true;
  for (const file of [join(dir, 'facts.yaml'), ...listYaml(join(dir, 'facts'))]) {
    const parsed = parseFile(FactFileSchema, file, findings);
    if (!parsed) dictionaryRead = false;
    parsed?.data.facts.forEach((f, i) => {
      const prior = factSeen.get(f.id);
      if (prior) findings.push({ code: 'RULE_DUPLICATE_ID', args: { id: f.id, other: prior }, ...parsed.src.locate(['facts', i, 'id']) });
      else factSeen.set(f.id, file);
      placed.push({ fact: f, index: i, locate: parsed.src.locate });
    });
  }
  const regions = parseFile(RegionFileSchema, join(dir, 'regions.yaml'), findings);
  const policyDir = join(dir, 'policies');
  const policyFiles = listYaml(policyDir);
  if (!policyFiles.length) findings.push({ code: 'RULE_NO_DOCUMENTS', args: { dir: policyDir }, file: policyDir });
  const readings = readReadings(dir, findings);
  const policies: LoadedPolicy[] = [];
  const variants: LoadedPolicy[][] = [];
  for (const file of policyFiles) {
    const src = readFile(file, findings);
    const parsed = src && parsePolicy(src, readings.byId, findings);
    if (!parsed) continue;
    policies.push({ policy: parsed.policy, file, source: parsed.source, ...(parsed.switches.length ? { switches: parsed.switches } : {}) });
    variants.push(parsed.variants.map((v) => ({ policy: v.policy, file, source: v.source })));
  }
  // Without the whole dictionary and the regions every reference would look wrong: stop at what was found.
  if (!dictionaryRead || !regions) return { findings: findings.sort(byPlace) };
  const facts = new Map<string, Fact>();
  for (const { fact } of placed) if (!facts.has(fact.id)) facts.set(fact.id, fact);
  const regionMap = new Map<string, Region>();
  for (const r of regions.data.regions) if (!regionMap.has(r.code)) regionMap.set(r.code, r);
  const set: RuleSet = {
    dir,
    facts,
    regions: regionMap,
    policies,
    readings: readings.list,
    choices: Object.fromEntries(readings.list.map((r) => [r.id, r.default])),
    profiles: readings.profiles,
    thresholds: readThresholds({ facts, policies }),
  };
  const base = lintRuleSet({ set, facts: placed, regions: regions.data.regions, regionsAt: regions.src.locate });
  findings.push(...base, ...checkReadings(set, readings.locate, readings.profileAt), ...lintVariants(set, variants, base));
  if (regimeFile) {
    const regime = checkRegimeFile(regimeFile, set, findings);
    if (regime) set.regime = regime;
  }
  return { set, findings: findings.sort(byPlace) };
}

/**
 * Loads a rule directory for use: every check of `rules lint` runs, and any blocking
 * finding refuses the whole set (exit 2, with file and line). Clauses still `todo` load
 * as information-only rows.
 */
export function validateRules(dir: string, regimeFile?: string): RuleSet {
  const { set, findings } = checkRules(dir, regimeFile);
  const errors = findings.filter(isBlocking);
  if (errors.length || !set) throw new SubsidyError(errors);
  return set;
}

function checkRegimeFile(file: string, set: RuleSet, findings: Finding[]): RuleSet['regime'] {
  const parsed = parseFile(RegimeFileSchema, file, findings);
  if (!parsed) return undefined;
  const problems = checkRegime(parsed.data, set, parsed.src.locate);
  findings.push(...problems);
  return problems.length ? undefined : { file, data: parsed.data };
}

/** A user's fiscal regime file (--regime), checked against the rule set it will be used with. */
export function validateRegime(file: string, set: RuleSet): NonNullable<RuleSet['regime']> {
  const findings: Finding[] = [];
  const regime = checkRegimeFile(file, set, findings);
  if (!regime) throw new SubsidyError(findings.sort(byPlace));
  return regime;
}

export function listYaml(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .sort()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}
