import type { FactValue } from '../input/coerce-value.js';
import { Decimal } from '../money/decimal.js';

/**
 * The facts of one CSV row, where whole numbers already checked against their
 * fact's range are kept as exact doubles (at most 15 digits) and become Decimals
 * only when read. A row holds about a hundred figures and the engine reads the
 * few its region's policies use: making a Decimal of every cell was half the
 * time spent converting rows. To every reader it is an ordinary Map of FactValue.
 */
export class DeferredFacts implements Map<string, FactValue> {
  // A JS number never is a FactValue (numbers are Decimals), so it marks a deferred figure.
  private readonly m = new Map<string, FactValue | number>();

  /** A whole number the caller has validated; `n` is exact (a safe integer). */
  defer(id: string, n: number): void {
    this.m.set(id, n);
  }

  get(id: string): FactValue | undefined {
    const v = this.m.get(id);
    if (typeof v !== 'number') return v;
    const d = new Decimal(v);
    this.m.set(id, d);
    return d;
  }

  set(id: string, v: FactValue): this {
    this.m.set(id, v);
    return this;
  }

  has(id: string): boolean {
    return this.m.has(id);
  }

  delete(id: string): boolean {
    return this.m.delete(id);
  }

  clear(): void {
    this.m.clear();
  }

  get size(): number {
    return this.m.size;
  }

  *entries(): MapIterator<[string, FactValue]> {
    for (const k of [...this.m.keys()]) yield [k, this.get(k)!];
  }

  keys(): MapIterator<string> {
    return this.m.keys();
  }

  *values(): MapIterator<FactValue> {
    for (const [, v] of this.entries()) yield v;
  }

  forEach(fn: (value: FactValue, key: string, map: Map<string, FactValue>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, FactValue]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Map';
  }
}
