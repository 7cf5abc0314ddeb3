import { coerceFactValue, isBlank, type FactValue } from '../input/coerce-value.js';
import { formatFinding } from '../i18n/format-error.js';
import { catalogue, fill, type Lang } from '../i18n/messages.js';
import type { Fact } from '../schema/fact-schema.js';
import type { Choice, Prompts } from './prompts.js';

/** What one question got: the text as the person gave it and its typed value; both absent when skipped. */
export interface Answer {
  raw?: string | string[];
  value?: FactValue;
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
    const r = coerceFactValue(fact, raw.trim());
    return r.ok ? true : formatFinding({ code: r.code, args: { fact: fact.label[lang], detail: r.detail } }, lang);
  };
}

/** One prompt per fact type: a choice for yes/no and enums, a checkbox for sets, typed text for the rest. */
export async function askFact(p: Prompts, fact: Fact, lang: Lang, prefix = ''): Promise<Answer> {
  const message = `${prefix}${fact.question[lang]}`;
  const skipChoice: Choice<string> = { value: SKIP, name: word(lang, 'skip') };
  switch (fact.type) {
    case 'boolean': {
      const yes = word(lang, 'yes');
      const no = word(lang, 'no');
      const picked = await p.select({ message, choices: [{ value: yes, name: yes }, { value: no, name: no }, skipChoice] });
      return picked === SKIP ? {} : typed(fact, picked, picked);
    }
    case 'enum': {
      const choices = (fact.values ?? []).map((v) => ({ value: v[lang], name: v[lang] }));
      const picked = await p.select({ message, choices: [...choices, skipChoice] });
      return picked === SKIP ? {} : typed(fact, picked, picked);
    }
    case 'enum_set': {
      const choices = (fact.values ?? []).map((v) => ({ value: v[lang], name: v[lang] }));
      const picked = await p.checkbox({ message: `${message} (${word(lang, 'pickHint')})`, choices, pageSize: choices.length });
      return picked.length ? typed(fact, picked, picked) : {};
    }
    default: {
      const unit = fact.unit ? ` [${fact.unit}]` : '';
      const hints = [word(lang, 'skipHint'), ...(fact.type === 'money_list' ? [word(lang, 'listHint')] : [])].join(' · ');
      const text = await p.input({ message: `${message}${unit} (${hints})`, validate: validateFor(fact, lang) });
      return isSkip(text) ? {} : typed(fact, text.trim(), text.trim());
    }
  }
}

function typed(fact: Fact, raw: string | string[], input: unknown): Answer {
  const r = coerceFactValue(fact, input);
  // Prompts only offer or accept readable values, so a failure here leaves the fact unknown rather than guessing.
  return r.ok && r.value !== undefined ? { raw, value: r.value } : {};
}
