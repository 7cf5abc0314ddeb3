import type { RuleSet } from '../model/rule-set.js';
import { regionChain } from '../model/regions.js';
import type { Lang } from '../i18n/messages.js';
import type { Choice } from './prompts.js';

const PLACES = new Set(['district', 'county', 'county_city']);

/**
 * Places worth offering: those some policy covers, and every district or
 * county (an enterprise there learns that no encoded policy applies, which is
 * an answer too). Shown by Chinese name with the code; the description names
 * the documents that apply.
 */
export function regionChoices(set: RuleSet, lang: Lang): Choice<string>[] {
  const out: Choice<string>[] = [];
  for (const r of set.regions.values()) {
    const chain = regionChain(set, r.code);
    const covering = set.policies.filter((lp) => lp.policy.applies_to.some((c) => chain.includes(c)));
    if (!covering.length && !PLACES.has(r.kind)) continue;
    const name = lang === 'en' ? `${r.name} ${r.en} (${r.code})` : `${r.name} (${r.code})`;
    const docs = covering.map((lp) => lp.policy.short_title ?? lp.policy.doc_number ?? lp.policy.title);
    out.push({ value: r.code, name, description: docs.length ? docs.join('；') : '—' });
  }
  return out;
}

/** Matches a typed term against the Chinese name, the English name and the code. */
export function filterRegions(choices: Choice<string>[], term: string | undefined): Choice<string>[] {
  const t = (term ?? '').normalize('NFKC').trim().toLowerCase();
  if (!t) return choices;
  return choices.filter((c) => `${c.name ?? ''} ${c.value}`.toLowerCase().includes(t));
}
