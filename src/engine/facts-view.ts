import { Decimal } from '../money/decimal.js';
import type { FactValue } from '../model/fact-value.js';
import type { Thresholds } from '../model/thresholds.js';
import type { Fact } from '../schema/fact-schema.js';
import type { FieldPath, NumAs, Shown, TraceStep } from './types.js';
import { fieldFact, itemName, RecordList, type FieldValue, type RecordItem } from '../model/record-value.js';

/** One item of a record list, while an each award evaluates it. */
export interface ItemScope {
  list: Fact;
  index: number;
  item: RecordItem;
}

export type Got<T> = { ok: true; value: T } | { ok: false; missing: string[] };

/**
 * Reads facts for the engine. A USD fact that is absent but can be derived from
 * its CNY twin and an explicit exchange rate is derived, and the trace says so.
 */
export class FactsView {
  constructor(
    private readonly dict: Map<string, Fact>,
    private readonly values: Map<string, FactValue>,
    /** The rule set's thresholds, read at load: what the facts are compared with. */
    private readonly thresholds: Thresholds,
    /** Inside an each award: the item at hand, whose fields `{ field: … }` reads. */
    readonly scope?: ItemScope,
  ) {}

  /** The same facts, with one item of a record list at hand. */
  withItem(scope: ItemScope): FactsView {
    return new FactsView(this.dict, this.values, this.thresholds, scope);
  }

  /** A comparison's threshold as a value of what it compares (a fact's id, or list.field); `one`: one choice of a set. */
  threshold(key: string, raw: unknown, one = false): FactValue | undefined {
    return this.thresholds.get(key, raw, one);
  }

  /** A field of the item at hand (undefined when unknown, or outside an each award: lint refuses that). */
  field(id: string): { value: FieldValue | undefined; def: Fact | undefined; path: FieldPath } {
    const s = this.scope;
    const def = s?.list.fields?.find((f) => f.id === id);
    return { value: s?.item.values.get(id), def: s && def ? fieldFact(s.list, def) : undefined, path: `${s?.list.id ?? '?'}.${id}` };
  }

  /** What an unknown field makes missing: the record list it belongs to (the interview asks for the list again). */
  fieldMissing(id: string): string[] {
    return [this.scope?.list.id ?? id];
  }

  fact(id: string): Fact | undefined {
    return this.dict.get(id);
  }

  raw(id: string, trace?: TraceStep[]): Got<FactValue> {
    const v = this.value(id, trace);
    return v === undefined ? { ok: false, missing: [id] } : { ok: true, value: v };
  }

  number(id: string, trace?: TraceStep[]): Got<Decimal> {
    const v = this.value(id, trace);
    return v instanceof Decimal ? { ok: true, value: v } : { ok: false, missing: [id] };
  }

  /** A fact's value, or undefined when unknown: raw() without a result object, for the engine's inner loops. */
  value(id: string, trace?: TraceStep[]): FactValue | undefined {
    const v = this.values.get(id);
    if (v !== undefined) return v;
    const def = this.dict.get(id);
    if (def?.derive_from_cny) {
      const cny = this.values.get(def.derive_from_cny);
      const rate = this.values.get('usd_cny_rate');
      if (cny instanceof Decimal && rate instanceof Decimal && !rate.isZero()) {
        const usd = cny.div(rate);
        trace?.push({ kind: 'derived', fact: id, from: def.derive_from_cny, cny, rate, usd });
        return usd;
      }
    }
    return undefined;
  }

  /** How a fact's numbers are shown: ratios as percentages, dollars with their unit. */
  numAs(id: string): NumAs {
    return numAsOf(this.dict.get(id));
  }

  /** A value as a trace keeps it: typed, so that each language can word it. */
  shown(id: string, v: FactValue): Shown {
    if (v instanceof Decimal) return { k: 'n', v, as: this.numAs(id) };
    if (typeof v === 'boolean') return { k: 'bool', v };
    if (typeof v === 'string') return this.dict.get(id)?.values ? { k: 'enum', fact: id, v: [v] } : { k: 'text', v };
    // Lint lets records be read only item by item; shown here only so that no value is left unwordable.
    if (v instanceof RecordList) return { k: 'text', v: v.items.map((x, i) => itemName(x, i, 'zh')).join('; ') };
    if (v.length && v[0] instanceof Decimal) return { k: 'text', v: (v as Decimal[]).map((x) => x.toFixed()).join('; ') };
    return { k: 'enum', fact: id, v: v as string[] };
  }
}

/** How a fact's (or a field's) numbers are shown. */
export function numAsOf(def: Fact | undefined): NumAs {
  return def?.type === 'ratio' ? 'pct' : def?.type === 'money_usd' ? 'usd' : 'plain';
}
