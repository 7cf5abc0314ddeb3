import type { FactValue } from '../../model/fact-value.js';
import { Decimal } from '../../money/decimal.js';

/**
 * A figure already checked against its fact's range, kept as the exact decimal
 * text Decimal will read ("7.5e-2" for 7.5%, "3e4" for 3万美元), so that a cell the
 * engine never reads never becomes a Decimal.
 */
export class DecimalText {
  constructor(readonly text: string) {}
}

/** A whole number (exact: a safe integer) or a DecimalText, waiting to become a Decimal. */
export type Deferred = number | DecimalText;

/**
 * Which slot of a row each fact has: made once per batch from the header, in
 * column order, so that every row of the batch stores its facts in an array of
 * the same length instead of growing a Map cell by cell.
 */
export class FactSlots {
  readonly index = new Map<string, number>();
  readonly ids: string[] = [];

  slotOf(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      this.index.set(id, (i = this.ids.length));
      this.ids.push(id);
    }
    return i;
  }
}

/**
 * The facts of one CSV row. A row holds about a hundred figures and the engine
 * reads the few its region's policies use: making a Decimal of every cell was
 * half the time spent converting rows, so figures stay deferred until read.
 * To every reader it is a Map of FactValue, except that it iterates in column order (then
 * facts set without a column), not in the order facts were set: nothing that reads a
 * row's facts depends on the order.
 */
export class DeferredFacts implements Map<string, FactValue> {
  private readonly vals: (FactValue | Deferred | undefined)[];
  /** Facts that have no slot (not from a column); rare, so only made when needed. */
  private extra: Map<string, FactValue> | undefined;
  private count = 0;

  constructor(private readonly slots: FactSlots = new FactSlots()) {
    this.vals = new Array(slots.ids.length).fill(undefined);
  }

  /** A checked figure for a slot, or a value the caller already made. */
  putAt(slot: number, v: FactValue | Deferred): void {
    if (this.vals[slot] === undefined) this.count++;
    this.vals[slot] = v;
  }

  get(id: string): FactValue | undefined {
    const slot = this.slots.index.get(id);
    if (slot === undefined) return this.extra?.get(id);
    const v = this.vals[slot];
    if (typeof v !== 'number' && !(v instanceof DecimalText)) return v;
    const d = toDecimal(v);
    this.vals[slot] = d;
    return d;
  }

  set(id: string, v: FactValue): this {
    const slot = this.slots.index.get(id);
    if (slot !== undefined) this.putAt(slot, v);
    else {
      this.extra ??= new Map();
      if (!this.extra.has(id)) this.count++;
      this.extra.set(id, v);
    }
    return this;
  }

  has(id: string): boolean {
    const slot = this.slots.index.get(id);
    return slot === undefined ? (this.extra?.has(id) ?? false) : this.vals[slot] !== undefined;
  }

  delete(id: string): boolean {
    if (!this.has(id)) return false;
    const slot = this.slots.index.get(id);
    if (slot === undefined) this.extra!.delete(id);
    else this.vals[slot] = undefined;
    this.count--;
    return true;
  }

  clear(): void {
    this.vals.fill(undefined);
    this.extra = undefined;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.vals.length; i++) if (this.vals[i] !== undefined) yield this.slots.ids[i]!;
    if (this.extra) yield* this.extra.keys();
  }

  *entries(): MapIterator<[string, FactValue]> {
    for (const k of [...this.keys()]) yield [k, this.get(k)!];
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

function toDecimal(v: Deferred): Decimal {
  return new Decimal(typeof v === 'number' ? v : v.text);
}
