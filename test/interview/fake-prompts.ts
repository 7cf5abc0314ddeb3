import type { RuleSet } from '../../src/load/load-rules.js';
import type { Prompts, Choice } from '../../src/interview/prompts.js';
import type { Fact } from '../../src/schema/fact-schema.js';
import { word } from '../../src/interview/ask-fact.js';
import { historyMessage } from '../../src/interview/ask-history.js';
import { historyUses } from '../../src/input/read-history-entry.js';

/**
 * Answers by fact id, as a person would type or pick them (labels, not ids).
 * An input answer may be a list of attempts: each goes through the prompt's own
 * validate, and a rejected one is recorded and the next is tried, as when a
 * person is asked again. A fact not in the script is skipped.
 */
export interface Script {
  region: string;
  year?: string;
  facts: Record<string, string | string[]>;
  /**
   * What was received before, by clause id: 是 or 否 to the first question, or
   * 是 with the follow-up answers (tier and level picked by label, years and
   * totals typed). A clause not here is skipped.
   */
  history?: Record<string, string | ({ answer: string } & Partial<Record<'highest_tier' | 'level' | 'years_paid' | 'paid_total', string | string[]>>)>;
  save?: { name?: string; path: string | string[] };
}

type HistoryKey = Parameters<typeof historyMessage>[1];
const FOLLOW_UPS: [HistoryKey, string][] = [
  ['askHistoryTier', 'highest_tier'],
  ['askHistoryLevel', 'level'],
  ['askHistoryYears', 'years_paid'],
  ['askHistoryPaid', 'paid_total'],
];

/** Which clause's history a prompt asks about, and which question (answer = the first one, else the field). */
export function historyPromptOf(set: RuleSet, message: string, lang: 'zh' | 'en' = 'zh'): { clause: string; field: string } | undefined {
  for (const use of historyUses(set).values()) {
    if (!use.needed.length) continue;
    if (message.includes(historyMessage(use, 'askHistory', lang))) return { clause: use.clause.id, field: 'answer' };
    for (const [key, field] of FOLLOW_UPS) if (message.includes(historyMessage(use, key, lang))) return { clause: use.clause.id, field };
  }
  return undefined;
}

export interface Rejection {
  fact?: string;
  input: string;
  message: string;
}

/** Finds which fact a prompt asks about from its message (the longest question that fits). */
export function factOf(set: RuleSet, message: string, lang: 'zh' | 'en' = 'zh'): Fact | undefined {
  let best: Fact | undefined;
  for (const f of set.facts.values()) if (message.includes(f.question[lang]) && (!best || f.question[lang].length > best.question[lang].length)) best = f;
  return best;
}

export function fakePrompts(set: RuleSet, script: Script, lang: 'zh' | 'en' = 'zh') {
  const rejected: Rejection[] = [];
  const messages: string[] = [];
  const historyAnswer = (h: { clause: string; field: string }) => {
    const want = script.history?.[h.clause];
    if (typeof want === 'string') return h.field === 'answer' ? want : undefined;
    return want?.[h.field as keyof typeof want];
  };
  const byName = (choices: Choice<string>[], name: string | string[]) => {
    if (Array.isArray(name)) throw new Error(`one choice expected, got ${name.join(', ')}`);
    const c = choices.find((x) => x.name === name) ?? choices.find((x) => x.value === name);
    if (!c) throw new Error(`no choice "${name}" among ${choices.map((x) => x.name).join(', ')}`);
    return c.value;
  };
  const prompts: Prompts = {
    async search({ message, source }) {
      messages.push(message);
      const hits = await source(script.region);
      if (!hits[0]) throw new Error(`no region matches ${script.region}`);
      return hits[0].value;
    },
    async select({ message, choices }) {
      messages.push(message);
      const h = historyPromptOf(set, message, lang);
      if (h) return byName(choices, historyAnswer(h) ?? word(lang, 'skip'));
      const want = script.facts[factOf(set, message, lang)?.id ?? ''];
      return byName(choices, typeof want === 'string' ? want : word(lang, 'skip'));
    },
    async checkbox({ message, choices }) {
      messages.push(message);
      const want = script.facts[factOf(set, message, lang)?.id ?? ''] ?? [];
      return (Array.isArray(want) ? want : [want]).map((n) => byName(choices, n));
    },
    async input({ message, default: dflt, validate }) {
      messages.push(message);
      const fact = factOf(set, message, lang);
      const h = historyPromptOf(set, message, lang);
      let attempts: string[];
      if (fact) attempts = [script.facts[fact.id] ?? ''].flat();
      else if (h) attempts = [historyAnswer(h) ?? ''].flat();
      else if (message === word(lang, 'askYear')) attempts = [script.year ?? ''];
      else if (message === word(lang, 'askName')) attempts = [script.save?.name ?? ''];
      else if (message === word(lang, 'askPath')) attempts = [script.save?.path ?? ''].flat();
      else throw new Error(`unexpected prompt: ${message}`);
      for (const typed of attempts) {
        const answer = typed || dflt || '';
        const ok = validate ? await validate(answer) : true;
        if (ok === true) return answer;
        rejected.push({ fact: fact?.id, input: typed, message: String(ok) });
      }
      throw new Error(`every attempt rejected for "${message}": ${JSON.stringify(rejected)}`);
    },
    async confirm({ message }) {
      messages.push(message);
      return message === word(lang, 'askSave') && script.save !== undefined;
    },
  };
  return { prompts, rejected, messages };
}
