import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../errors/codes.js';
import type { Policy } from '../schema/policy-schema.js';
import type { Locate } from './check-amounts.js';
import { canonicalNumber, numberInSource, outline, squeeze, styleExample, unaccountedItems, unmatchedStyles } from './source-items.js';

/** The source text of a policy, or undefined when it is missing (and a finding says so). */
export function readPolicySource(dir: string, policy: Policy, at: Locate, out: Finding[]): string | undefined {
  try {
    return readFileSync(join(dir, 'sources', policy.source), 'utf8');
  } catch {
    out.push({ code: 'RULE_SOURCE_NOT_FOUND', args: { source: policy.source }, ...at(['source']) });
    return undefined;
  }
}

/**
 * A policy against its source text: every quote is in it, its numbering styles match
 * lines of it, every clause or exclusion number names something printed in it, and
 * every numbered item it prints has a rule.
 */
export function checkSource(policy: Policy, text: string, at: Locate): Finding[] {
  const out: Finding[] = [];
  const src = squeeze(text);
  const quote = (q: string, path: (string | number)[]) => {
    if (!src.includes(squeeze(q))) out.push({ code: 'RULE_QUOTE_NOT_FOUND', args: { detail: q.length > 30 ? q.slice(0, 30) + '…' : q }, ...at(path) });
  };
  policy.clauses.forEach((c, i) => {
    if (Array.isArray(c.quote)) c.quote.forEach((q, j) => quote(q, ['clauses', i, 'quote', j]));
    else quote(c.quote, ['clauses', i, 'quote']);
    if (c.fiscal) quote(c.fiscal.quote, ['clauses', i, 'fiscal', 'quote']);
  });
  policy.exclusions.forEach((e, i) => quote(e.quote, ['exclusions', i, 'quote']));
  if (policy.stacking?.quote) quote(policy.stacking.quote, ['stacking', 'quote']);
  if (policy.fiscal.quote) quote(policy.fiscal.quote, ['fiscal', 'quote']);
  if (policy.validity.quote) quote(policy.validity.quote, ['validity', 'quote']);
  policy.shared_caps?.forEach((sc, i) => quote(sc.quote, ['shared_caps', i, 'quote']));

  for (const style of unmatchedStyles(policy, text))
    out.push({
      code: 'RULE_NUMBERING_NO_MATCH',
      args: { style: styleExample(style), source: policy.source },
      ...at(['numbering', policy.numbering.indexOf(style)]),
    });
  const items = outline(text, policy.numbering);
  const number = (n: string, path: (string | number)[]) => {
    if (!numberInSource(n, policy.numbering, items)) out.push({ code: 'RULE_NUMBER_NOT_IN_SOURCE', args: { number: n, source: policy.source }, ...at(path) });
  };
  policy.clauses.forEach((c, i) => {
    // A label for an unnumbered paragraph is not looked up, unless it looks like a number (a slip would hide there).
    if (!(c.unnumbered && canonicalNumber(c.number, policy.numbering) === undefined)) number(c.number, ['clauses', i, 'number']);
  });
  policy.exclusions.forEach((e, i) => number(e.clause, ['exclusions', i, 'clause']));
  if (policy.stacking?.clause) number(policy.stacking.clause, ['stacking', 'clause']);
  if (policy.fiscal.clause) number(policy.fiscal.clause, ['fiscal', 'clause']);
  for (const item of unaccountedItems(policy, text)) out.push({ code: 'RULE_ITEM_UNACCOUNTED', args: { item, source: policy.source }, ...at(['clauses']) });
  return out;
}

/** Clauses still `todo` and fields still to review: the set loads, but it is not finished. */
export function unfinished(policy: Policy, at: Locate): Finding[] {
  const out: Finding[] = [];
  policy.clauses.forEach((c, i) => {
    if (c.status === 'todo') out.push({ code: 'RULE_TODO', args: { what: c.id }, ...at(['clauses', i, 'status']) });
  });
  policy.review?.forEach((field, i) => out.push({ code: 'RULE_TODO', args: { what: `${policy.id} ${field}` }, ...at(['review', i]) }));
  return out;
}
