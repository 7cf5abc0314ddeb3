import type { FactValue } from './fact-value.js';

/**
 * The thresholds of a rule set's comparisons (`{ fact: online_sales, op: '>=', value: 500万 }`)
 * read as values of their facts, once, when the set is loaded (src/load/read-thresholds.ts):
 * the engine compares ready values and never reads a literal the way input does.
 *
 * A threshold is found by what it compares (a fact's id, or `list.field` for a field of a
 * record list's items) and the literal as written, so that a policy copied under another
 * reading (src/readings/apply-readings.ts), which shares both, finds its values too.
 */
/** How a literal reads as a value of its fact: undefined when it does not read (the checks refuse such a set). */
export type ReadLiteral = () => { value: FactValue | undefined } | undefined;

/** A literal recorded at load, read the first time the engine compares with it. */
class Unread {
  constructor(readonly read: ReadLiteral) {}
}

export class Thresholds {
  private readonly byKey = new Map<string, Map<unknown, FactValue | undefined | Unread>>();
  // `has` on a set of choices reads its threshold as one choice, not as a set.
  private readonly byKeyOne = new Map<string, Map<unknown, FactValue | undefined | Unread>>();

  /**
   * Records what `raw` reads as, or how to read it (`ReadLiteral`): every literal of the set is
   * recorded at load, but most are read only when compared with, since a run evaluates the
   * documents covering one place (reading all of them was 4-6 ms of every start). `one`: as one
   * choice of a set (`has`).
   */
  set(key: string, raw: unknown, value: FactValue | undefined | ReadLiteral, one = false): void {
    const maps = one ? this.byKeyOne : this.byKey;
    let byRaw = maps.get(key);
    if (!byRaw) maps.set(key, (byRaw = new Map()));
    byRaw.set(rawKey(raw), typeof value === 'function' ? new Unread(value) : value);
  }

  /** Whether `raw` has been recorded (a blank literal reads as undefined, and is held). */
  has(key: string, raw: unknown, one = false): boolean {
    return (one ? this.byKeyOne : this.byKey).get(key)?.has(rawKey(raw)) ?? false;
  }

  /**
   * The value `raw` reads as (undefined: a blank literal, which is unknown). A literal not
   * recorded at load, or one that does not read, is a bug (the set did not come through
   * src/load, whose checks refuse such a literal), never a user's mistake.
   */
  get(key: string, raw: unknown, one = false): FactValue | undefined {
    const byRaw = (one ? this.byKeyOne : this.byKey).get(key);
    const k = rawKey(raw);
    let v = byRaw?.get(k);
    if (v instanceof Unread) {
      const r = v.read();
      if (r) byRaw!.set(k, (v = r.value));
      else byRaw!.delete(k);
    }
    if (!byRaw?.has(k)) throw new Error(`rule threshold not read at load: ${key} ${JSON.stringify(raw)}`);
    return v as FactValue | undefined;
  }

  /** How many thresholds are recorded (for tests). */
  get size(): number {
    let n = 0;
    for (const maps of [this.byKey, this.byKeyOne]) for (const m of maps.values()) n += m.size;
    return n;
  }
}

/** A literal as a map key: itself when a scalar, a list by its contents (never equal to a scalar's key). */
function rawKey(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null ? `\0${JSON.stringify(raw)}` : raw;
}
