import type { Decimal } from '../money/decimal.js';
import type { Fact, RecordField } from '../schema/fact-schema.js';

/**
 * The value of a record_list fact: records such as a signed streamer and her sales,
 * or an event, its cost and whether it was recognised. A class rather than an array,
 * so that no code written for lists of amounts or choices mistakes it for one.
 */
export class RecordList {
  constructor(readonly items: readonly RecordItem[]) {}
}

/** The value of one field: fields hold one value each. */
export type FieldValue = Decimal | boolean | string;

/** One record: its name as typed (主播A), and the value of each field given; a field left out is unknown. */
export interface RecordItem {
  name?: string;
  /** Field id → value (a Decimal, boolean or string, as for a fact of the field's type). */
  values: ReadonlyMap<string, FieldValue>;
}

/** How an item is named in explanations and messages: its own name, else its position (1-based). */
export function itemName(item: RecordItem, index: number, lang: 'zh' | 'en'): string {
  return item.name ?? (lang === 'zh' ? `第${index + 1}项` : `item ${index + 1}`);
}

const asFacts = new WeakMap<RecordField, Fact>();

/** A field read like a fact of its type (range, choices, currency): the same object each time, so readings of it are kept. */
export function fieldFact(list: Fact, field: RecordField): Fact {
  let f = asFacts.get(field);
  if (!f) asFacts.set(field, (f = { ...field, topic: list.topic, question: field.label } as Fact));
  return f;
}
