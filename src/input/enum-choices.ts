import { didYouMean } from '../errors/did-you-mean.js';
import type { ErrorCode } from '../errors/codes.js';
import { choiceKey } from '../schema/choice-key.js';
import type { Fact } from '../schema/fact-schema.js';

type Value = NonNullable<Fact['values']>[number];

/** One way of writing a value: its Chinese label or alias (zh), its English label (en), or its id. */
interface Name {
  text: string;
  value: Value;
  side: 'zh' | 'en' | 'id';
}

interface Lookup {
  /** choiceKey(name) → the name (and through it the value). */
  byKey: Map<string, Name>;
  /** Whether some name holds a character that also separates the items of a set (区、县（市）政府). */
  hasSeparator: boolean;
}

export type ChoiceResult =
  | { ok: true; id: string }
  | { ok: false; code: Extract<ErrorCode, 'NOT_A_CHOICE' | 'NEAR_CHOICE'>; detail: string; args: Record<string, string> };

/** Items of an enum set typed in one cell or answer are separated by these. */
export const SET_SEPARATORS = /([;；、,，|])/;

const lookups = new WeakMap<Fact, Lookup>();

/**
 * The parts of a compound label such as 直播机构/MCN机构: each is how people
 * write the value on its own, so each is accepted too, unless another value of
 * the fact could be meant by it.
 */
export function labelParts(label: string): string[] {
  const n = label.normalize('NFKC');
  return n.includes('/')
    ? n
        .split('/')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function build(fact: Fact): Lookup {
  const byKey = new Map<string, Name>();
  const add = (text: string, value: Value, side: Name['side']) => {
    const key = choiceKey(text);
    if (key && !byKey.has(key)) byKey.set(key, { text, value, side });
  };
  const values = fact.values ?? [];
  // Names the dictionary gives (the schema makes them unique within a fact).
  for (const v of values) {
    add(v.zh, v, 'zh');
    for (const a of v.aliases ?? []) add(a, v, 'zh');
    add(v.en, v, 'en');
    add(v.id, v, 'id');
  }
  // Derived parts: only those that name exactly one value and are not already a name.
  const owners = new Map<string, { text: string; value: Value; side: Name['side']; count: number }>();
  for (const v of values)
    for (const [label, side] of [
      [v.zh, 'zh'],
      [v.en, 'en'],
    ] as const)
      for (const part of labelParts(label)) {
        const key = choiceKey(part);
        const o = owners.get(key);
        if (!o) owners.set(key, { text: part, value: v, side, count: 1 });
        else if (o.value.id !== v.id) o.count++;
      }
  for (const [key, o] of owners) if (o.count === 1 && !byKey.has(key)) byKey.set(key, { text: o.text, value: o.value, side: o.side });
  const hasSeparator = [...byKey.values()].some((n) => SET_SEPARATORS.test(n.text));
  return { byKey, hasSeparator };
}

function lookupOf(fact: Fact): Lookup {
  let l = lookups.get(fact);
  if (!l) lookups.set(fact, (l = build(fact)));
  return l;
}

/** Every text that reads as a value of the fact, with the value's id (for tests and docs). */
export function acceptedNames(fact: Fact): { text: string; id: string }[] {
  return [...lookupOf(fact).byKey.values()].map((n) => ({ text: n.text, id: n.value.id }));
}

/** The label a choice is shown by, in the template, the interview and messages. */
export function choiceLabel(v: Value, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? v.zh : v.en;
}

/** The labels of every choice, in dictionary order. */
export function choiceLabels(fact: Fact, lang: 'zh' | 'en'): string[] {
  return (fact.values ?? []).map((v) => choiceLabel(v, lang));
}

/** How a name is shown in a suggestion: itself when it is in that language, else the value's label. */
function shown(n: Name, lang: 'zh' | 'en'): string {
  return n.side === lang ? n.text : choiceLabel(n.value, lang);
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/**
 * Reads one choice of an enum fact: an id, a label (Chinese or English), an
 * alias from the dictionary, or one part of a compound label. A near miss is
 * refused with the closest name, never read as some value.
 */
export function readChoice(fact: Fact, raw: unknown): ChoiceResult {
  const text = String(raw).normalize('NFKC').trim();
  const { byKey } = lookupOf(fact);
  const hit = byKey.get(choiceKey(text));
  if (hit) return { ok: true, id: hit.value.id };
  const near = didYouMean(choiceKey(text), byKey.keys());
  const value = clip(text);
  if (near !== undefined) {
    const n = byKey.get(near)!;
    return {
      ok: false,
      code: 'NEAR_CHOICE',
      detail: `"${value}" is not a choice; did you mean ${n.value.id}?`,
      args: { value, suggestion: shown(n, 'zh'), suggestionEn: shown(n, 'en') },
    };
  }
  const values = fact.values ?? [];
  return {
    ok: false,
    code: 'NOT_A_CHOICE',
    detail: `"${value}" is not one of: ${values.map((v) => `${v.id} (${v.zh})`).join(', ')}`,
    args: { value, choices: choiceLabels(fact, 'zh').join('；'), choicesEn: choiceLabels(fact, 'en').join('; ') },
  };
}

/**
 * The items of an enum set typed as one text. Separators split items, except
 * inside a name that holds one: "区、县（市）政府；镇/村" is two items.
 */
export function splitChoices(fact: Fact, raw: string): string[] {
  const { byKey, hasSeparator } = lookupOf(fact);
  const tokens = raw.split(SET_SEPARATORS);
  if (!hasSeparator)
    return tokens
      .filter((_, i) => i % 2 === 0)
      .map((s) => s.trim())
      .filter(Boolean);
  const out: string[] = [];
  // tokens alternate: item, separator, item, …; the longest run of items that is a name is taken first.
  for (let i = 0; i < tokens.length; i += 2) {
    let taken = i;
    for (let j = tokens.length - 1; j > i; j -= 2) {
      const joined = tokens
        .slice(i, j + 1)
        .join('')
        .trim();
      if (byKey.has(choiceKey(joined))) {
        out.push(joined);
        taken = j;
        break;
      }
    }
    if (taken === i) {
      const item = tokens[i]!.trim();
      if (item) out.push(item);
    } else i = taken;
  }
  return out;
}
