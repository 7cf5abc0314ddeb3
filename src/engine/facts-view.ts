import { Decimal } from '../money/decimal.js';
import { formatNumber } from '../money/decimal.js';
import type { FactValue } from '../input/coerce-value.js';
import type { Fact } from '../schema/fact-schema.js';
import type { TraceStep } from './types.js';

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
        trace?.push({ kind: 'derived', fact: id, from: def.derive_from_cny, text: `${formatNumber(cny)} ÷ ${formatNumber(rate)} = ${formatNumber(usd.toDecimalPlaces(2))}` });
        return usd;
      }
    }
    return undefined;
  }

  /** A value as shown in a trace, with its unit. */
  show(id: string, v: FactValue): string {
    const def = this.dict.get(id);
    if (v instanceof Decimal) {
      if (def?.type === 'ratio') return `${v.times(100).toFixed()}%`;
      return `${formatNumber(v.toDecimalPlaces(2))}${def?.unit && def.unit !== '%' ? ' ' + def.unit : ''}`;
    }
    if (Array.isArray(v)) return v.map((x) => (x instanceof Decimal ? formatNumber(x) : x)).join('; ');
    if (typeof v === 'boolean') return v ? '是' : '否';
    const label = def?.values?.find((x) => x.id === v)?.zh;
    return label ? `${label} (${v})` : v;
  }
}
