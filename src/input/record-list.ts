import { didYouMean } from '../errors/did-you-mean.js';
import { catalogue, fill } from '../i18n/messages.js';
import { choiceKey } from '../schema/choice-key.js';
import type { Fact, RecordField } from '../schema/fact-schema.js';
import type { Coerced } from './coerced.js';
import { fieldFact, RecordList, type FieldValue, type RecordItem } from '../model/record-value.js';

/**
 * A record_list fact as people write it:
 * - in YAML or JSON, a list of mappings: `- { name: 主播A, sales: 120万 }` (fields by id or label);
 * - in a CSV cell or an answer, the compact form: items separated by ; (or ；, or a line break),
 *   each `名称:值/值…` with the values in the order the dictionary lists the fields
 *   (`主播A:120万; 主播B:80万`, `直播节:30万/是`), or keyed, `直播节:费用=30万/认定=是`;
 *   the name and its colon may be left out; 不详 or ? leaves one value unknown;
 * - or JSON in the cell (`[{"name":"主播A","sales":"120万"}]`); `无` is an empty list.
 * Strict: every item is read whole or refused, and the message names the item.
 */
export function coerceRecordList(fact: Fact, raw: unknown, coerceField: (f: Fact, raw: unknown) => Coerced): Coerced {
  const fields = fact.fields ?? [];
  let items: unknown[];
  if (Array.isArray(raw)) items = raw;
  else if (typeof raw === 'string') {
    const text = raw.trim();
    if (EMPTY.has(text.toLowerCase())) return { ok: true, value: new RecordList([]) };
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (!Array.isArray(parsed)) return wrong(fact);
        items = parsed;
      } catch {
        return wrong(fact);
      }
    } else items = compactItems(text);
  } else return wrong(fact);
  const out: RecordItem[] = [];
  const names = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const r = readItem(fact, fields, items[i], coerceField);
    if ('error' in r) return itemError(fact, i, r.name, r.error);
    if (r.item.name !== undefined) {
      // Items are told apart by name in every explanation: the same name twice is a slip, not two items.
      if (names.has(r.item.name)) return itemError(fact, i, r.item.name, say('recSameName'));
      names.add(r.item.name);
    }
    out.push(r.item);
  }
  return { ok: true, value: new RecordList(out) };
}

const EMPTY = new Set(['无', '没有', 'none', '[]']);
const NAME_KEYS = new Set(['name', '名称', '名字'].map(choiceKey));
const UNKNOWN_VALUE = new Set(['不详', '未知', '?', '？', '']);

interface Text2 {
  en: string;
  zh: string;
}

/** A message of the catalogue in both languages (an item's error is shown in the reader's). */
function say(key: string, args: Record<string, string | number> = {}): Text2 {
  return { zh: fill(catalogue('zh').words[key]!, args), en: fill(catalogue('en').words[key]!, args) };
}

/** One item of the compact form: a name (or none) and its value parts, as typed. */
class CompactItem {
  constructor(
    readonly name: string | undefined,
    readonly parts: string[],
  ) {}
}

/** The compact form split into items. */
function compactItems(text: string): CompactItem[] {
  return text
    .split(/[;；\r\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const colon = s.search(/[:：]/);
      const name = colon >= 0 ? s.slice(0, colon).trim() : undefined;
      const rest = colon >= 0 ? s.slice(colon + 1) : s;
      return new CompactItem(
        name,
        rest.split(/[/／]/).map((p) => p.trim()),
      );
    });
}

type ItemRead = { item: RecordItem } | { name?: string; error: Text2 };

function readItem(fact: Fact, fields: RecordField[], raw: unknown, coerceField: (f: Fact, raw: unknown) => Coerced): ItemRead {
  const given = new Map<RecordField, unknown>();
  let name: string | undefined;
  if (raw instanceof CompactItem) {
    const c = raw;
    name = c.name;
    if (name === '') return { error: say('recNoName') };
    const keyed = c.parts.filter((p) => /[=＝]/.test(p));
    if (keyed.length && keyed.length !== c.parts.length) return { name, error: say('recMixed') };
    if (!keyed.length) {
      if (c.parts.length !== fields.length) return { name, error: countError(fields, c.parts.length) };
      c.parts.forEach((p, j) => given.set(fields[j]!, p));
    } else
      for (const p of c.parts) {
        const eq = p.search(/[=＝]/);
        const r = put(fields, given, p.slice(0, eq).trim(), p.slice(eq + 1).trim());
        if (r) return { name, error: r };
      }
  } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (NAME_KEYS.has(choiceKey(k))) {
        if (typeof v !== 'string' && typeof v !== 'number') return { error: say('recNameText') };
        name = String(v).trim() || undefined;
        continue;
      }
      const r = put(fields, given, k, v);
      if (r) return { name, error: r };
    }
  } else return { error: say('recNotMapping') };
  const values = new Map<string, FieldValue>();
  for (const [field, v] of given) {
    if (typeof v === 'string' && UNKNOWN_VALUE.has(v.trim())) continue;
    const r = coerceField(fieldFact(fact, field), v);
    if (!r.ok) return { name, error: fieldError(field, r) };
    if (r.value !== undefined) values.set(field.id, r.value as FieldValue);
  }
  return { item: { ...(name !== undefined ? { name } : {}), values } };
}

/** Records a value for the field a key names; an unknown or repeated field is an error. */
function put(fields: RecordField[], given: Map<RecordField, unknown>, key: string, v: unknown): Text2 | undefined {
  const k = choiceKey(key);
  const field = fields.find((f) => [f.id, f.label.zh, f.label.en, ...f.aliases].some((n) => choiceKey(n) === k));
  if (!field) {
    const zh = didYouMean(
      key,
      fields.flatMap((f) => [f.label.zh, ...f.aliases]),
    );
    const en = didYouMean(
      key,
      fields.flatMap((f) => [f.id, f.label.en]),
    );
    return say('recUnknownField', {
      key,
      hint: zh ? `（${fill(catalogue('zh').words.didYouMean!, { suggestion: zh })}）` : '',
      hintEn: (en ?? zh) ? ` (${fill(catalogue('en').words.didYouMean!, { suggestion: (en ?? zh)! })})` : '',
      fields: fields.map((f) => f.label.zh).join('、'),
      fieldsEn: fields.map((f) => `${f.id} (${f.label.en})`).join(', '),
    });
  }
  if (given.has(field)) return say('recTwice', { field: field.label.zh, fieldEn: field.label.en });
  given.set(field, v);
  return undefined;
}

function countError(fields: RecordField[], got: number): Text2 {
  return say('recCount', { got, want: fields.length, order: fields.map((f) => f.label.zh).join('/'), orderEn: fields.map((f) => f.label.en).join(' / ') });
}

function fieldError(field: RecordField, r: Extract<Coerced, { ok: false }>): Text2 {
  const say = (lang: 'zh' | 'en') =>
    fill(catalogue(lang).errors[r.code], { ...r.args, detail: typeof r.detail === 'string' ? r.detail : r.detail[lang], fact: field.label[lang] });
  return { en: say('en'), zh: say('zh') };
}

function wrong(fact: Fact): Coerced {
  const t = say('recNotList');
  return { ok: false, code: 'RECORD_LIST', detail: t.en, args: { list: fact.label.zh, listEn: fact.label.en, detailZh: t.zh, detail: t.en } };
}

function itemError(fact: Fact, index: number, name: string | undefined, error: Text2): Coerced {
  const args = {
    list: fact.label.zh,
    listEn: fact.label.en,
    index: index + 1,
    name: name ? `（${name}）` : '',
    nameEn: name ? ` (${name})` : '',
    inner: error.zh,
    innerEn: error.en,
  };
  return { ok: false, code: 'RECORD_ITEM', detail: `item ${index + 1}${args.nameEn}: ${error.en}`, args: args as unknown as Record<string, string> };
}
