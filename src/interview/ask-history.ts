import type { ClauseHistory, Evaluation } from '../engine/types.js';
import { formatFinding } from '../i18n/format-error.js';
import type { Lang } from '../i18n/messages.js';
import { choiceLabel } from '../input/enum-choices.js';
import { historyUses, readHistoryEntry, readHistoryField, type HistoryField, type HistoryUse } from '../input/read-history-entry.js';
import type { RuleSet } from '../model/rule-set.js';
import { clauseName } from '../rules/clause-name.js';
import { isSkip, word } from './ask-fact.js';
import type { Choice, Prompts } from './prompts.js';

/** What one clause's history questions got: the values as given (saved as such) and the typed entry; both absent when skipped. */
export interface HistoryAnswer {
  given?: Record<string, string | number>;
  entry?: ClauseHistory;
}

const SKIP = '\u0000skip';
/** Statuses of a clause the enterprise can still get, so that what it received before matters. */
const OPEN = new Set(['eligible', 'ceiling', 'needs_data', 'superseded']);
/** What "nothing received" is for each counter; tiers and levels have no zero, so it is said by times_paid: 0. */
const ZERO: Partial<Record<HistoryField, number>> = { times_paid: 0, years_paid: 0, paid_total: 0 };

/**
 * The clauses whose award depends on what was received before (first-reached
 * tiers, upgrades, year limits, cumulative caps, one-off awards) and that the
 * enterprise can still get, in the order of the result.
 */
export function historyQuestions(set: RuleSet, ev: Evaluation): HistoryUse[] {
  const uses = historyUses(set);
  const out: HistoryUse[] = [];
  for (const pr of ev.policies)
    for (const r of pr.clauses) {
      const u = uses.get(r.clauseId);
      if (u?.needed.length && OPEN.has(r.status)) out.push(u);
    }
  return out;
}

/** The question's wording for a clause; tests find the clause a prompt asks about by it. */
export function historyMessage(
  use: HistoryUse,
  key: 'askHistory' | 'askHistoryTier' | 'askHistoryLevel' | 'askHistoryYears' | 'askHistoryPaid',
  lang: Lang,
): string {
  return word(lang, key, { clause: clauseName(use.policy, use.clause) });
}

/**
 * Asks what was received before under one clause: first whether anything was
 * (是 / 否 / skip, starting on skip), then, after 是, each figure the clause's
 * rule reads. Every answer goes through readHistoryField, as a file's history does.
 */
export async function askHistory(p: Prompts, set: RuleSet, use: HistoryUse, lang: Lang, prefix = ''): Promise<HistoryAnswer> {
  const yes = word(lang, 'yes');
  const no = word(lang, 'no');
  const skip: Choice<string> = { value: SKIP, name: word(lang, 'skip') };
  const picked = await p.select({
    message: prefix + historyMessage(use, 'askHistory', lang),
    choices: [skip, { value: yes, name: yes }, { value: no, name: no }],
    default: SKIP,
  });
  if (picked === SKIP) return {};
  const given: Record<string, string | number> = {};
  if (picked === no) {
    for (const f of use.needed) given[ZERO[f] !== undefined ? f : 'times_paid'] = ZERO[f] ?? 0;
  } else {
    for (const f of use.needed) {
      const v = await askField(p, set, use, f, lang, skip);
      if (v !== undefined) given[f] = v;
    }
  }
  const entry = readHistoryEntry(set, use.clause.id, given, () => {
    throw new Error(`interview history for ${use.clause.id} did not read back`);
  });
  return { given, entry };
}

/** One figure after 是: tiers and levels are picked, years and totals typed; each may be skipped. */
async function askField(p: Prompts, set: RuleSet, use: HistoryUse, f: HistoryField, lang: Lang, skip: Choice<string>): Promise<string | number | undefined> {
  const pick = async (key: 'askHistoryTier' | 'askHistoryLevel', choices: Choice<string>[]) => {
    const v = await p.select({ message: historyMessage(use, key, lang), choices: [skip, ...choices], default: SKIP });
    return v === SKIP ? undefined : v;
  };
  switch (f) {
    case 'times_paid':
      return 1; // a one-off award received: that is what 是 said
    case 'highest_tier':
      return pick(
        'askHistoryTier',
        use.tiers.map((t) => ({ value: t.text, name: word(lang, 'tierChoice', { at: t.text, amount: t.amount }) })),
      );
    case 'level': {
      // A level with rank 0 (无) is no award: that answer is 否 above.
      const values = use.levelFacts.flatMap((fact) => (fact.values ?? []).filter((v) => v.rank !== 0));
      return pick(
        'askHistoryLevel',
        values.map((v) => ({ value: choiceLabel(v, lang), name: choiceLabel(v, lang) })),
      );
    }
    case 'years_paid':
    case 'paid_total': {
      const key = f === 'years_paid' ? 'askHistoryYears' : 'askHistoryPaid';
      const validate = (raw: string) => {
        if (isSkip(raw)) return true;
        const r = readHistoryField(set, use.clause.id, f, raw.trim());
        return r.ok ? true : formatFinding({ code: r.code, args: r.args, ...(r.hint ? { hint: r.hint } : {}) }, lang);
      };
      const text = await p.input({ message: `${historyMessage(use, key, lang)} (${word(lang, 'skipHint')})`, validate });
      return isSkip(text) ? undefined : text.trim();
    }
  }
}
