import {
  coerceEnum,
  coerceEnumSet,
  coerceFactValue,
  coerceMoneyList,
  coerceNumber,
  isBlank,
  listItems,
  rangeOf,
  type Coerced,
} from '../../input/coerce-value.js';
import { Decimal } from '../../money/decimal.js';
import type { Fact } from '../../schema/fact-schema.js';
import { DecimalText, type Deferred } from './defer-facts.js';
import { scanAmount, scannedAmount } from './scan-amount.js';

/**
 * Reads the cells of one fact column: what coerceFactValue(fact, cell) gives, or
 * a deferred figure (valid and in range): a whole number exact as a double, or
 * the exact decimal text of any other (see DeferredFacts: either becomes a
 * Decimal only if the engine reads it).
 */
export type CellReader = (cell: string) => Coerced | Deferred;

// Short cells repeat across rows (是/否, enum labels, round amounts): the parse of a
// cell is a pure function of fact and text, so it is kept, up to a bound per column.
const CACHE_CELL_CHARS = 48;
const CACHE_ENTRIES = 4096;

const BLANK: Coerced = Object.freeze({ ok: true, value: undefined });
const NUMERIC = new Set(['money_cny', 'money_usd', 'count', 'months', 'area_m2', 'area_mu', 'ratio', 'number']);
/** Whole 万 and 亿 amounts with up to this many digits stay below 1e15: exact as doubles. */
const UNIT_DIGITS: Record<number, number> = { 4: 11, 8: 7 };
/**
 * A double read from at most 30 digits and scaled by powers of ten is within
 * about 1e-14 of the exact value: one this much inside both bounds (relative to
 * its size) is certainly in range; nearer a bound, Decimal decides.
 */
const MARGIN = 1e-9;

/**
 * A reader per column, made once per batch. Numbers in the forms most cells take
 * are read here without the general parser's normalising, regular expressions and
 * per-cell lookups; anything else, and any number out of range (so that the error
 * is worded the one way), goes to coerceFactValue through a small cache.
 */
export function cellReader(fact: Fact): CellReader {
  if (fact.type === 'enum_set' || fact.type === 'money_list') return cachedReader(listReader(fact));
  const general = cachedReader((cell) => coerceFactValue(fact, cell));
  if (!NUMERIC.has(fact.type)) return general;
  const quick = quickNumber(fact);
  return (cell) => quick(cell) ?? general(cell);
}

/**
 * A copy of a cell's text that holds nothing else. A cell is cut from its row's line, and
 * V8 keeps a longer cut as a view of the whole line: kept as a cache key, it would keep
 * the line alive with it. split/join copies code unit by code unit, so the key is the same text.
 */
const own = (cell: string) => (cell.length < 13 ? cell : cell.split('').join(''));

function cachedReader(read: (cell: string) => Coerced): (cell: string) => Coerced {
  const cache = new Map<string, Coerced>();
  return (cell) => {
    if (cell.length > CACHE_CELL_CHARS) return read(cell);
    let r = cache.get(cell);
    if (!r) {
      r = read(cell);
      if (cache.size < CACHE_ENTRIES) cache.set(own(cell), r);
    }
    return r;
  };
}

/**
 * coerceFactValue for an enum set or money list, with each item's reading kept:
 * the combinations in a column rarely repeat (several entity kinds, several event
 * costs), their items do.
 */
function listReader(fact: Fact): (cell: string) => Coerced {
  const money = fact.type === 'money_list';
  const itemFact: Fact = money ? { ...fact, type: 'money_cny' } : fact;
  const item = cachedReader((p) => (money ? coerceNumber(itemFact, p) : coerceEnum(fact, p)));
  const combine = money ? coerceMoneyList : coerceEnumSet;
  return (cell) => (isBlank(cell) ? BLANK : combine(listItems(fact, cell), (p) => item(p as string)));
}

/** A bound as a double when that is exact, so plain whole numbers are checked without Decimal. */
function exactNumber(d: Decimal | undefined, dflt: number): number | undefined {
  if (d === undefined) return dflt;
  const n = d.toNumber();
  return Number.isSafeInteger(n) && new Decimal(n).equals(d) ? n : undefined;
}

/**
 * The value of a numeric cell when it is certainly valid and in range, else undefined.
 * Mirrors parseAmount + coerceNumber for the forms scanAmount reads, whose suffix
 * must suit the fact; the property test in test/batch holds the two together.
 */
function quickNumber(fact: Fact): (cell: string) => Deferred | undefined {
  const { min, max } = rangeOf(fact);
  const [minN, maxN] = [exactNumber(min, 0), exactNumber(max, Infinity)];
  const [minD, maxD] = [min.toNumber(), max ? max.toNumber() : Infinity];
  const whole = fact.type === 'count' || fact.type === 'months';
  const s = scannedAmount();
  /** An exact whole number, compared as a double when the bounds are exact too. */
  const wholeInRange = (n: number): Deferred | undefined => {
    if (minN !== undefined && maxN !== undefined) return n >= minN && n <= maxN ? n : undefined;
    return clearlyInside(n, minD, maxD) ? n : undefined;
  };
  return (cell) => {
    if (!scanAmount(cell, s)) return undefined;
    if ((s.suffix === 'usd' && fact.type !== 'money_usd') || (s.suffix === 'percent' && fact.type !== 'ratio')) return undefined;
    if (s.commas) return wholeInRange(s.value);
    if (!s.neg && !s.fraction && s.suffix !== 'percent' && (!s.unit || s.digits <= UNIT_DIGITS[s.unit]!)) return wholeInRange(s.value * 10 ** s.unit);
    // Fractions, percentages and negative figures: not exact as doubles, so kept as decimal text.
    if (whole) return undefined;
    const exp = s.unit - (s.suffix === 'percent' ? 2 : 0);
    const k = exp - s.fraction;
    const approx = (s.neg ? -1 : 1) * (k >= 0 ? s.value * 10 ** k : s.value / 10 ** -k);
    if (!clearlyInside(approx, minD, maxD)) return undefined;
    const num = `${s.neg ? '-' : ''}${cell.slice(s.numStart, s.numEnd)}`;
    return new DecimalText(exp ? `${num}e${exp}` : num);
  };
}

/** Whether a double near an exact value is far enough inside [min, max] for rounding not to matter. */
function clearlyInside(x: number, min: number, max: number): boolean {
  const room = MARGIN * Math.max(1, Math.abs(x), Math.abs(min), max === Infinity ? 0 : Math.abs(max));
  return x - min > room && max - x > room;
}
