import { coerceFactValue, isBlank } from '../input/coerce-value.js';
import type { FactValue } from '../model/fact-value.js';
import { formatFinding } from '../i18n/format-error.js';
import { catalogue, fill, type Lang } from '../i18n/messages.js';
import type { Fact } from '../schema/fact-schema.js';
import { choiceLabels } from '../input/enum-choices.js';
import type { Choice, Prompts } from './prompts.js';

/** What one question got: the text as the person gave it and its typed value; both absent when skipped. */
export interface Answer {
  raw?: string | string[];
  value?: FactValue;
  /** How an answer that could be read two ways was read (0.9 under [%] is 0.9%), to echo to the person. */
  note?: string;
}

/** The longest answer read: a list of amounts fits many times over. */
export const MAX_ANSWER_CHARS = 500;

const SKIP_WORDS = new Set(['跳过', '不知道', '不清楚', 'skip', "don't know", 'dont know']);
const SKIP = '\u0000skip';

export function word(lang: Lang, key: string, args?: Record<string, string | number>): string {
  return fill(catalogue(lang).words[key] ?? key, args);
}

/** Empty input, 不详, 跳过, 不知道 …: the fact stays unknown. */
export function isSkip(raw: string): boolean {
  return isBlank(raw) || SKIP_WORDS.has(raw.normalize('NFKC').trim().toLowerCase());
}

/**
 * The input prompt's validate: true, or the same message a file with this
 * value would get, so the person is asked again and told why.
 */
export function validateFor(fact: Fact, lang: Lang): (raw: string) => true | string {
  return (raw) => {
    // Refused before anything else looks at it: no answer to one question is this long.
    if (raw.length > MAX_ANSWER_CHARS) return formatFinding({ code: 'TOO_LONG', args: { length: raw.length, limit: MAX_ANSWER_CHARS } }, lang);
    if (isSkip(raw)) return true;
    const r = coerceFactValue(fact, promptInput(fact, raw).text);
    return r.ok ? true : formatFinding({ code: r.code, args: { fact: fact.label[lang], detail: r.detail, ...r.args } }, lang);
  };
}

/** A prompt that shows [%]: a plain number typed there is a percentage. */
export function isPercentPrompt(fact: Fact): boolean {
  return fact.type === 'ratio' && fact.unit === '%';
}

const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

/**
 * What an answer means: under [%] a plain number is a percentage (90 is 90%,
 * 4.35 is 4.35%), so it is read with a % added. A number up to 1 could also
 * be meant as a fraction (0.9 for 90%, 1 for 100%): it is read as a percentage too, as the
 * prompt says, and the note says so and how to type the other reading.
 */
export function promptInput(fact: Fact, raw: string, lang: Lang = 'zh'): { text: string; note?: string } {
  const t = raw.normalize('NFKC').trim();
  if (!isPercentPrompt(fact) || !PLAIN_NUMBER.test(t)) return { text: t };
  const n = Number(t);
  if (!(n > 0 && n <= 1)) return { text: `${t}%` };
  const alt = String(Number((n * 100).toPrecision(12)));
  return { text: `${t}%`, note: word(lang, 'percentRead', { value: `${t}%`, alt: `${alt}%`, altInput: alt }) };
}

/** One prompt per fact type: a choice for yes/no and enums (starting on skip), a checkbox for sets, typed text for the rest. */
export async function askFact(p: Prompts, fact: Fact, lang: Lang, prefix = ''): Promise<Answer> {
  // A figure the applicant cannot know says who knows it, so that skipping it is the expected answer.
  const authority = fact.supplied_by === 'authority' && fact.supplier ? word(lang, 'askAuthority', { who: fact.supplier[lang] }) : '';
  const message = `${prefix}${fact.question[lang]}${authority}`;
  const skipChoice: Choice<string> = { value: SKIP, name: word(lang, 'skip') };
  switch (fact.type) {
    case 'boolean': {
      const yes = word(lang, 'yes');
      const no = word(lang, 'no');
      // Enter alone must never record 是 (失信 …): the cursor starts on skip.
      const picked = await p.select({ message, choices: [skipChoice, { value: yes, name: yes }, { value: no, name: no }], default: SKIP });
      return picked === SKIP ? {} : typed(fact, picked, picked);
    }
    case 'enum': {
      const choices = choiceLabels(fact, lang).map((l) => ({ value: l, name: l }));
      const picked = await p.select({ message, choices: [skipChoice, ...choices], default: SKIP });
      return picked === SKIP ? {} : typed(fact, picked, picked);
    }
    case 'enum_set': {
      const choices = choiceLabels(fact, lang).map((l) => ({ value: l, name: l }));
      const picked = await p.checkbox({ message: `${message} (${word(lang, 'pickHint')})`, choices, pageSize: choices.length });
      return picked.length ? typed(fact, picked, picked) : {};
    }
    default: {
      const unit = fact.unit ? ` [${fact.unit}]` : '';
      const records = fact.type === 'record_list' ? [word(lang, 'recordHint', { order: (fact.fields ?? []).map((f) => f.label[lang]).join('/') })] : [];
      const hints = [word(lang, 'skipHint'), ...(fact.type === 'money_list' ? [word(lang, 'listHint')] : []), ...records].join(' · ');
      const text = await p.input({ message: `${message}${unit} (${hints})`, validate: validateFor(fact, lang) });
      if (isSkip(text)) return {};
      const read = promptInput(fact, text, lang);
      // Saved as read (90 → 90%), so that calc reads the saved file the same way.
      const a = typed(fact, read.text, read.text);
      return read.note && a.value !== undefined ? { ...a, note: read.note } : a;
    }
  }
}

function typed(fact: Fact, raw: string | string[], input: unknown): Answer {
  const r = coerceFactValue(fact, input);
  // Prompts only offer or accept readable values, so a failure here leaves the fact unknown rather than guessing.
  return r.ok && r.value !== undefined ? { raw, value: r.value } : {};
}
