import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../errors/codes.js';
import type { LoadedPolicy, RuleSet } from '../load/load-rules.js';
import type { Award } from '../schema/policy-schema.js';
import { parseAmount, parseDate } from '../money/parse-amount.js';
import { Decimal } from '../money/decimal.js';
import { squeeze, unaccountedItems } from './source-items.js';

type Path = (string | number)[];

/**
 * Checks beyond the schema and references (which loadRules already enforces):
 * quotes verbatim in the source, tiers ordered, caps not below what a clause
 * pays at its lowest, dates that parse, shares adding to 100%, every numbered item accounted for.
 */
export function lintRules(set: RuleSet): Finding[] {
  const out: Finding[] = [];
  for (const lp of set.policies) {
    const text = readSource(set, lp, out);
    const at = (path: Path) => lp.source.locate(path);
    const { policy } = lp;
    for (const [key, d] of [['from', policy.validity.from], ['to', policy.validity.to]] as const)
      if (d !== null && !/^\d{4}$/.test(d) && !parseDate(d)) out.push({ code: 'RULE_BAD_DATE', args: { detail: `${key}: ${d}` }, ...at(['validity', key]) });
    const shareSets: [Path, { share: string | number }[]][] = policy.fiscal.rules.map((r, i) => [['fiscal', 'rules', i, 'shares'], r.shares]);
    if (policy.fiscal.otherwise !== 'current_regime') shareSets.push([['fiscal', 'otherwise', 'shares'], policy.fiscal.otherwise.shares]);
    policy.clauses.forEach((c, i) => c.fiscal && shareSets.push([['clauses', i, 'fiscal', 'shares'], c.fiscal.shares]));
    for (const [path, shares] of shareSets) {
      const sum = shares.reduce((a, s) => a.plus(num(s.share)), new Decimal(0));
      if (!sum.equals(1)) out.push({ code: 'RULE_INVALID', args: { detail: `shares add up to ${sum.times(100).toFixed()}%, not 100%` }, ...at(path) });
    }
    if (text === undefined) continue;
    const src = squeeze(text);
    const quoteAt = (q: string, path: Path) => {
      if (!src.includes(squeeze(q))) out.push({ code: 'RULE_QUOTE_NOT_FOUND', args: { detail: q.length > 30 ? q.slice(0, 30) + '…' : q }, ...at(path) });
    };
    policy.clauses.forEach((c, i) => {
      const quotes = Array.isArray(c.quote) ? c.quote : [c.quote];
      quotes.forEach((q, j) => quoteAt(q, Array.isArray(c.quote) ? ['clauses', i, 'quote', j] : ['clauses', i, 'quote']));
      if (c.fiscal) quoteAt(c.fiscal.quote, ['clauses', i, 'fiscal', 'quote']);
      if (c.award) lintAward(c.award, ['clauses', i, 'award'], c.caps?.map((k) => num(k.amount)) ?? [], at, out);
    });
    policy.exclusions.forEach((e, i) => quoteAt(e.quote, ['exclusions', i, 'quote']));
    if (policy.stacking?.quote) quoteAt(policy.stacking.quote, ['stacking', 'quote']);
    if (policy.fiscal.quote) quoteAt(policy.fiscal.quote, ['fiscal', 'quote']);
    if (policy.validity.quote) quoteAt(policy.validity.quote, ['validity', 'quote']);
    for (const item of unaccountedItems(policy, text))
      out.push({ code: 'RULE_INVALID', args: { detail: `numbered item ${item} of ${policy.source} has no clause` }, ...at(['clauses']) });
  }
  return out;
}

function readSource(set: RuleSet, lp: LoadedPolicy, out: Finding[]): string | undefined {
  const file = join(set.dir, 'sources', lp.policy.source);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    out.push({ code: 'RULE_INVALID', args: { detail: `source text ${lp.policy.source} not found in rules/sources/` }, ...lp.source.locate(['source']) });
    return undefined;
  }
}

function num(raw: string | number): Decimal {
  return typeof raw === 'number' ? new Decimal(raw) : (parseAmount(raw)?.value ?? new Decimal(NaN));
}

function lintAward(a: Award, path: Path, caps: Decimal[], at: (p: Path) => object, out: Finding[]): void {
  const lowestCap = caps.length ? Decimal.min(...caps) : undefined;
  if (a.kind === 'tiers') {
    const ats = a.tiers.map((t) => num(t.at));
    const amounts = a.tiers.map((t) => num(t.amount));
    for (let i = 1; i < ats.length; i++) {
      if (!ats[i]!.greaterThan(ats[i - 1]!)) out.push({ code: 'RULE_TIERS', args: { detail: `tier ${i + 1} threshold is not above tier ${i}` }, ...at([...path, 'tiers', i, 'at']) } as Finding);
      if (amounts[i]!.lessThan(amounts[i - 1]!)) out.push({ code: 'RULE_TIERS', args: { detail: `tier ${i + 1} pays less than tier ${i}` }, ...at([...path, 'tiers', i, 'amount']) } as Finding);
    }
    if (lowestCap && amounts[0] && lowestCap.lessThan(amounts[0]))
      out.push({ code: 'RULE_CAP_BELOW_THRESHOLD', args: { detail: `cap ${lowestCap.toFixed()} is below the lowest tier's award ${amounts[0].toFixed()}` }, ...at(path) } as Finding);
  }
  if (a.kind === 'fixed' && lowestCap && lowestCap.lessThan(num(a.amount)))
    out.push({ code: 'RULE_CAP_BELOW_THRESHOLD', args: { detail: `cap ${lowestCap.toFixed()} is below the fixed award ${num(a.amount).toFixed()}` }, ...at(path) } as Finding);
  if (a.kind === 'per_step' && lowestCap && lowestCap.lessThan(num(a.amount)))
    out.push({ code: 'RULE_CAP_BELOW_THRESHOLD', args: { detail: `cap ${lowestCap.toFixed()} is below one step's award ${num(a.amount).toFixed()}` }, ...at(path) } as Finding);
  if (a.kind === 'sum' || a.kind === 'max') a.parts.forEach((p, i) => lintAward(p, [...path, 'parts', i], caps, at, out));
  if (a.kind === 'cases') a.cases.forEach((c, i) => lintAward(c.award, [...path, 'cases', i, 'award'], caps, at, out));
}
