import type { Finding } from '../errors/codes.js';
import type { RuleSet } from '../model/rule-set.js';
import type { Region } from '../schema/region-schema.js';
import { checkAmounts, type Locate } from './check-amounts.js';
import { checkFactNames, checkRegions, type PlacedFact } from './check-dictionary.js';
import { checkReferences } from './check-references.js';
import { checkRecords } from './check-records.js';
import { checkSource, readPolicySource, unfinished } from './check-sources.js';

/** A rule directory as parsed, with where each fact and region was written. */
export interface ParsedRules {
  set: RuleSet;
  facts: readonly PlacedFact[];
  regions: readonly Region[];
  regionsAt: Locate;
}

/** Findings that do not stop a set from loading: clauses still to encode, fields still to check. */
export function isBlocking(f: Finding): boolean {
  return f.code !== 'RULE_TODO';
}

/**
 * Every check a rule set must pass beyond its schema, in one place: loading runs it
 * (and refuses the set on any blocking finding) and `subsidy rules lint` prints it.
 * The dictionary (names, regions), references, the numbers of each policy, and each
 * policy against its source text.
 */
export function lintRuleSet(parsed: ParsedRules): Finding[] {
  const { set } = parsed;
  const out = [...checkFactNames(parsed.facts), ...checkRegions(parsed.regions, parsed.regionsAt), ...checkReferences(set)];
  for (const lp of set.policies) out.push(...policyChecks(set, lp));
  return out;
}

/** The checks of one policy, with the references of a set holding only it (a policy under another reading). */
export function lintPolicy(set: RuleSet, lp: RuleSet['policies'][number]): Finding[] {
  return [...checkReferences(set), ...policyChecks(set, lp)];
}

function policyChecks(set: RuleSet, lp: RuleSet['policies'][number]): Finding[] {
  const out: Finding[] = [];
  const at = (path: (string | number)[]) => lp.source.locate(path);
  out.push(...checkAmounts(lp.policy, set.facts, at), ...checkRecords(set, lp));
  const text = readPolicySource(set.dir, lp.policy, at, out);
  if (text !== undefined) out.push(...checkSource(lp.policy, text, at));
  out.push(...unfinished(lp.policy, at));
  return out;
}

/** Findings in reading order: by file, then line. */
export function byPlace(a: Finding, b: Finding): number {
  return (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}
