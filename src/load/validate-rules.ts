import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { SubsidyError } from '../errors/subsidy-error.js';
import type { Finding } from '../errors/codes.js';
import { FactFileSchema, type Fact } from '../schema/fact-schema.js';
import { PolicySchema } from '../schema/policy-schema.js';
import { RegionFileSchema, RegimeFileSchema } from '../schema/region-schema.js';
import { readYaml, type YamlSource } from './read-yaml.js';
import { readTextFile } from './read-text-file.js';
import { checkReferences } from './check-references.js';
import { zodFindings as zodFindings_ } from './zod-findings.js';
import { duplicateFindings } from './duplicates.js';
import type { Position } from '../errors/codes.js';

import type { LoadedPolicy, RuleSet } from './load-rules.js';

function readSource(file: string): YamlSource {
  return readYaml(readTextFile(file), file);
}

function parseWith<T>(schema: z.ZodType<T>, src: YamlSource, findings: Finding[]): T | undefined {
  const r = schema.safeParse(src.data);
  if (r.success) return r.data;
  findings.push(...(zodFindings_(r.error, src)));
  return undefined;
}

/**
 * Reads and validates a whole rule directory: facts, regions, every policy, and
 * optionally a fiscal regime file. All problems are collected, then thrown together.
 */
export function validateRules(dir: string, regimeFile?: string): RuleSet {
  const findings: Finding[] = [];
  // One dictionary, possibly kept in several files by topic (rules/facts.yaml and rules/facts/*.yaml).
  const factFiles = [join(dir, 'facts.yaml'), ...listYaml(join(dir, 'facts'))];
  const allFacts: Fact[] = [];
  const factSeen = new Map<string, string>();
  // Every name a fact answers to (id, Chinese label, aliases), as CSV headers compare them.
  const names: [string, Position][] = [];
  const norm = (n: string) => n.normalize('NFKC').trim().toLowerCase();
  for (const file of factFiles) {
    const src = readSource(file);
    const parsed = parseWith(FactFileSchema, src, findings);
    parsed?.facts.forEach((f, i) => {
      const prior = factSeen.get(f.id);
      if (prior) findings.push({ code: 'RULE_DUPLICATE_ID', args: { id: f.id, other: prior }, ...src.locate(['facts', i, 'id']) });
      factSeen.set(f.id, file);
      allFacts.push(f);
      const own = new Set<string>();
      const named = (n: string, path: (string | number)[]) => {
        if (!own.has(norm(n))) names.push([norm(n), src.locate(path)]);
        own.add(norm(n));
      };
      named(f.id, ['facts', i, 'id']);
      named(f.label.zh, ['facts', i, 'label', 'zh']);
      f.aliases.forEach((a, j) => named(a, ['facts', i, 'aliases', j]));
    });
  }
  // One name for two facts would send a header or key to whichever was read last.
  if (!findings.length) findings.push(...duplicateFindings(names));
  const regionsSrc = readSource(join(dir, 'regions.yaml'));
  const regionFile = parseWith(RegionFileSchema, regionsSrc, findings);
  if (regionFile) findings.push(...duplicateFindings(regionFile.regions.map((r, i) => [r.code, regionsSrc.locate(['regions', i, 'code'])])));
  const policies: LoadedPolicy[] = [];
  const policyDir = join(dir, 'policies');
  for (const file of listYaml(policyDir)) {
    try {
      const source = readSource(file);
      const policy = parseWith(PolicySchema, source, findings);
      if (policy) policies.push({ policy, file, source });
    } catch (e) {
      if (e instanceof SubsidyError) findings.push(...e.findings);
      else throw e;
    }
  }
  let regime: RuleSet['regime'];
  if (regimeFile) {
    try {
      regime = validateRegime(regimeFile);
    } catch (e) {
      if (e instanceof SubsidyError) findings.push(...e.findings);
      else throw e;
    }
  }
  if (findings.length) throw new SubsidyError(findings);
  const facts = new Map(allFacts.map((f) => [f.id, f]));
  const regions = new Map(regionFile!.regions.map((r) => [r.code, r]));
  const set: RuleSet = { dir, facts, regions, policies, regime };
  const refFindings = checkReferences(set);
  if (refFindings.length) throw new SubsidyError(refFindings);
  return set;
}

/** A user's fiscal regime file (--regime), validated. */
export function validateRegime(file: string): NonNullable<RuleSet['regime']> {
  const findings: Finding[] = [];
  const src = readSource(file);
  const data = parseWith(RegimeFileSchema, src, findings);
  if (!data) throw new SubsidyError(findings);
  // The same region twice for a document, or a level twice in a split: the first would win unseen.
  const regions = data.regimes.flatMap((r, i) => r.regions.map((code, j): [string, Position] => [`${r.policy} ${code}`, src.locate(['regimes', i, 'regions', j])]));
  findings.push(...duplicateFindings(regions));
  data.regimes.forEach((r, i) => findings.push(...duplicateFindings(r.shares.map((s, j) => [s.level, src.locate(['regimes', i, 'shares', j, 'level'])]))));
  if (findings.length) throw new SubsidyError(findings);
  return { file, data };
}

export function listYaml(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => join(dir, n));
  } catch {
    return [];
  }
}

