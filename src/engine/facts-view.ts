import { Decimal } from '../money/decimal.js';
import type { FactValue } from '../input/coerce-value.js';
import type { Fact } from '../schema/fact-schema.js';
import type { NumAs, Shown, TraceStep } from './types.js';

export type Got<T> = { ok: true; value: T } | { ok: false; missing: string[] };

/**
 * Reads facts for the engine. A USD fact that is absent but can be derived from
 * its CNY twin and an explicit exchange rate is derived, and the trace says so.
 */
export class FactsView {
  constructor(
    private readonly dict: Map<string, Fact>,
    private readonly values: Map<string, FactValue>,
  ) {}

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
    const type = this.dict.get(id)?.type;
    return type === 'ratio' ? 'pct' : type === 'money_usd' ? 'usd' : 'plain';
  }

  /** A value as a trace keeps it: typed, so that each language can word it. */
  shown(id: string, v: FactValue): Shown {
    if (v instanceof Decimal) return { k: 'n', v, as: this.numAs(id) };
    if (typeof v === 'boolean') return { k: 'bool', v };
    if (typeof v === 'string') return this.dict.get(id)?.values ? { k: 'enum', fact: id, v: [v] } : { k: 'text', v };
    if (v.length && v[0] instanceof Decimal) return { k: 'text', v: (v as Decimal[]).map((x) => x.toFixed()).join('; ') };
    return { k: 'enum', fact: id, v: v as string[] };
  }
}
