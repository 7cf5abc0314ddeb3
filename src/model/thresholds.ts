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
export class Thresholds {
  private readonly byKey = new Map<string, Map<unknown, FactValue | undefined>>();
  // `has` on a set of choices reads its threshold as one choice, not as a set.
  private readonly byKeyOne = new Map<string, Map<unknown, FactValue | undefined>>();

  /** Records what `raw` reads as; `one`: as one choice of a set (`has`). */
  set(key: string, raw: unknown, value: FactValue | undefined, one = false): void {
    const maps = one ? this.byKeyOne : this.byKey;
    let byRaw = maps.get(key);
    if (!byRaw) maps.set(key, (byRaw = new Map()));
    byRaw.set(rawKey(raw), value);
  }

  /** Whether `raw` has been read (a blank literal reads as undefined, and is held). */
  has(key: string, raw: unknown, one = false): boolean {
    return (one ? this.byKeyOne : this.byKey).get(key)?.has(rawKey(raw)) ?? false;
  }

  /**
   * The value `raw` was read as at load (undefined: a blank literal, which is unknown).
   * A literal not read then is a bug (the set did not come through src/load), never a user's mistake.
   */
  get(key: string, raw: unknown, one = false): FactValue | undefined {
    const byRaw = (one ? this.byKeyOne : this.byKey).get(key);
    const k = rawKey(raw);
    if (!byRaw?.has(k)) throw new Error(`rule threshold not read at load: ${key} ${JSON.stringify(raw)}`);
    return byRaw.get(k);
  }

  /** How many thresholds are held (for tests). */
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
