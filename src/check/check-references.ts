import type { Finding } from '../errors/codes.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { coerceFactValue } from '../input/coerce-value.js';
import { comparisons, conditionsOfAward, factsOfAward, factsOfCondition, type Path } from '../rules/walk.js';
import type { RuleSet, LoadedPolicy } from '../model/rule-set.js';
import type { Policy } from '../schema/policy-schema.js';

/** References to the dictionary inside notes ({fact:id}, {kind:id}, {history:field}); see src/render/labels.ts. */
const NOTE_REF = /\{(fact|kind|history):([a-z][a-z0-9_]*)\}/g;
const HISTORY_FIELDS = new Set(['paid_total', 'years_paid', 'times_paid', 'highest_tier', 'level']);

/** Every note of a policy with where it is, so that each reference in it can be checked. */
/** Every prose note of a policy with its path: the places a rule writer explains a choice. */
export function notesOf(p: Policy): [string, Path][] {
  const out: [string, Path][] = [];
  const add = (n: string | undefined, path: Path) => n !== undefined && out.push([n, path]);
  add(p.coverage_note, ['coverage_note']);
  add(p.unnumbered_note, ['unnumbered_note']);
  add(p.validity.note, ['validity', 'note']);
  add(p.validity.partial_year?.note, ['validity', 'partial_year', 'note']);
  add(p.fiscal.note, ['fiscal', 'note']);
  p.fiscal.rules.forEach((r, i) => add(r.note, ['fiscal', 'rules', i, 'note']));
  p.clauses.forEach((c, i) => {
    c.notes?.forEach((n, j) => add(n, ['clauses', i, 'notes', j]));
    c.caps?.forEach((k, j) => add(k.note, ['clauses', i, 'caps', j, 'note']));
    add(c.pool?.note, ['clauses', i, 'pool', 'note']);
    add(c.instalments?.note, ['clauses', i, 'instalments', 'note']);
  });
  return out;
}
import { duplicateFindings } from './duplicates.js';
import { reason } from '../i18n/reasons.js';

/**
 * Checks that must hold for a rule set to be evaluated at all: every fact a rule
 * names is in the dictionary, every threshold reads as a value of its fact,
 * every region and beneficiary exists, ids are unique. Part of every load (lint-rules.ts).
 */
export function checkReferences(set: RuleSet): Finding[] {
  const out: Finding[] = [];
  const clauseIds = new Map<string, string>();
  const policyIds = new Set<string>();
  const kinds = new Set(set.facts.get('entity_kinds')?.values?.map((v) => v.id) ?? []);
  for (const lp of set.policies) {
    const { policy, source } = lp;
    const at = (path: Path) => source.locate(path);
    if (policyIds.has(policy.id)) out.push({ code: 'RULE_DUPLICATE_ID', args: { id: policy.id }, ...at(['id']) });
    policyIds.add(policy.id);
    const factRef = (fact: string, path: Path) => {
      if (set.facts.has(fact)) return;
      const s = didYouMean(fact, set.facts.keys());
      out.push({ code: 'RULE_UNKNOWN_FACT', args: { fact }, ...at(path), ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}) });
    };
    policy.applies_to.forEach((r, i) => regionRef(set, lp, r, ['applies_to', i], out));
    out.push(...splitDuplicates(lp));
    policy.fiscal.rules.forEach((rule, i) => rule.regions.forEach((r, j) => regionRef(set, lp, r, ['fiscal', 'rules', i, 'regions', j], out)));
    policy.exclusions.forEach((ex, i) => {
      for (const [f, p] of factsOfCondition(ex.when, ['exclusions', i, 'when'])) factRef(f, p);
      checkThresholds(set, lp, ex.when, ['exclusions', i, 'when'], out);
    });
    for (const [note, path] of notesOf(policy))
      for (const [, kind, id] of note.matchAll(NOTE_REF)) {
        const known = kind === 'fact' ? set.facts.has(id!) : kind === 'kind' ? kinds.has(id!) : HISTORY_FIELDS.has(id!);
        if (!known)
          out.push({
            code: kind === 'fact' ? 'RULE_UNKNOWN_FACT' : 'RULE_INVALID',
            args: { fact: id!, detail: reason('noteNamesUnknown', { ref: `{${kind}:${id}}` }) },
            ...at(path),
          });
      }
    policy.clauses.forEach((c, i) => {
      const base: Path = ['clauses', i];
      const prior = clauseIds.get(c.id);
      if (prior) out.push({ code: 'RULE_DUPLICATE_ID', args: { id: c.id, other: prior }, ...at([...base, 'id']) });
      clauseIds.set(c.id, policy.id);
      if (!c.id.startsWith(`${policy.id}/`))
        out.push({ code: 'RULE_INVALID', args: { detail: reason('clauseIdPrefix', { prefix: `${policy.id}/` }) }, ...at([...base, 'id']) });
      const wanted: [string, Path][] =
        typeof c.beneficiary === 'string' ? [[c.beneficiary, [...base, 'beneficiary']]] : (c.beneficiary ?? []).map((k, j) => [k, [...base, 'beneficiary', j]]);
      for (const [kind, p] of wanted)
        if (!kinds.has(kind)) {
          const s = didYouMean(kind, kinds);
          out.push({
            code: 'RULE_INVALID',
            args: { detail: reason('beneficiaryUnknown', { value: kind }) },
            ...at(p),
            ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}),
          });
        }
      // A kind listed twice is a slip in the rule file: a rule finding, refused like any other.
      if (Array.isArray(c.beneficiary))
        out.push(
          ...duplicateFindings(c.beneficiary.map((k, j) => [k, at([...base, 'beneficiary', j])])).map((f) => ({
            ...f,
            code: 'RULE_DUPLICATE_ID' as const,
            args: { id: String(f.args.item) },
          })),
        );
      if (c.when) {
        for (const [f, p] of factsOfCondition(c.when, [...base, 'when'])) factRef(f, p);
        checkThresholds(set, lp, c.when, [...base, 'when'], out);
      }
      if (c.award) for (const [f, p] of factsOfAward(c.award, [...base, 'award'])) factRef(f, p);
      if (c.award) for (const [cond, p] of conditionsOfAward(c.award, [...base, 'award'])) checkThresholds(set, lp, cond, p, out);
      if (c.award?.kind === 'levels') {
        const fact = set.facts.get(c.award.fact);
        for (const key of Object.keys(c.award.amounts))
          if (fact && !fact.values?.some((v) => v.id === key))
            out.push({
              code: 'RULE_INVALID',
              args: { detail: reason('notAValueOf', { value: key, fact: fact.id }) },
              ...at([...base, 'award', 'amounts', key]),
            });
      }
    });
  }
  return out;
}

/**
 * A region in two fiscal rules of one document: which shares would apply is not
 * written anywhere, so neither is chosen. (A level named twice in one split is
 * RULE_LEVEL_TWICE, in check-amounts.ts.)
 */
function splitDuplicates({ policy, source }: LoadedPolicy): Finding[] {
  return duplicateFindings(
    policy.fiscal.rules.flatMap((r, i) =>
      r.regions.map((code, j): [string, ReturnType<typeof source.locate>] => [code, source.locate(['fiscal', 'rules', i, 'regions', j])]),
    ),
  );
}

function regionRef(set: RuleSet, lp: LoadedPolicy, code: string, path: Path, out: Finding[]): void {
  if (!set.regions.has(code)) out.push({ code: 'RULE_UNKNOWN_REGION', args: { region: code }, ...lp.source.locate(path) });
}

function checkThresholds(set: RuleSet, lp: LoadedPolicy, cond: Parameters<typeof comparisons>[0], path: Path, out: Finding[]): void {
  for (const [cmp, p] of comparisons(cond, path)) {
    const fact = set.facts.get(cmp.fact);
    if (!fact) continue;
    const values = Array.isArray(cmp.value) ? cmp.value : [cmp.value];
    const asFact = cmp.op === 'has' ? { ...fact, type: 'enum' as const } : fact;
    for (const v of values) {
      const r = coerceFactValue(asFact, v);
      if (!r.ok)
        out.push({ code: r.code === 'WRONG_CURRENCY' ? 'RULE_CURRENCY' : 'RULE_INVALID', args: { detail: r.detail }, ...lp.source.locate([...p, 'value']) });
    }
  }
}
