import { coerceFactValue, rangeOf, type Coerced } from '../input/coerce-value.js';
import { Decimal } from '../money/decimal.js';
import type { Fact } from '../schema/fact-schema.js';
import { DecimalText, type Deferred } from './defer-facts.js';

/**
 * Reads the cells of one fact column: what coerceFactValue(fact, cell) gives, or
 * a deferred figure (valid and in range): a whole number exact as a double, or
 * the exact decimal text of any other (see DeferredFacts: either becomes a
 * Decimal only if the engine reads it).
 */
export type CellReader = (cell: string) => Coerced | Deferred;

// Short cells repeat across rows (是/否, enum labels, round amounts): the parse of a
// cell is a pure function of fact and text, so it is kept, up to a bound per column.
const CACHE_CELL_CHARS = 24;
const CACHE_ENTRIES = 512;

const NUMERIC = new Set(['money_cny', 'money_usd', 'count', 'months', 'area_m2', 'area_mu', 'ratio', 'number']);
/** More digits than this and a number may not be exact as a double: such cells take the general path. */
const SAFE_DIGITS = 15;
/** Whole 万 and 亿 amounts with up to this many digits stay below 1e15: exact as doubles. */
const UNIT_WHOLE: Record<string, { times: number; digits: number }> = { 万: { times: 1e4, digits: 11 }, 亿: { times: 1e8, digits: 7 } };
/** Powers of ten of a unit and of a percent sign, for the exact decimal text. */
const UNIT_EXP: Record<string, number> = { 万: 4, 亿: 8 };
// The forms people type most besides plain digits: 500万, 1.2亿, 12.5%, -3.5%, 30万美元.
const SIMPLE_AMOUNT = /^(-?)(\d{1,15}(?:\.\d{1,15})?)(万|亿)?(美元|%)?$/;
/**
 * A double read from at most 15 significant digits and scaled by powers of ten is
 * within about 1e-15 of the exact value: one this much inside both bounds
 * (relative to its size) is certainly in range; nearer a bound, Decimal decides.
 */
const MARGIN = 1e-9;

/**
 * A reader per column, made once per batch. Numbers in the forms most cells take
 * are read here without the general parser's normalising, regular expressions and
 * per-cell lookups; anything else, and any number out of range (so that the error
 * is worded the one way), goes to coerceFactValue through a small cache.
 */
export function cellReader(fact: Fact): CellReader {
  const general = cachedReader(fact);
  if (!NUMERIC.has(fact.type)) return general;
  const quick = quickNumber(fact);
  return (cell) => quick(cell) ?? general(cell);
}

function cachedReader(fact: Fact): (cell: string) => Coerced {
  const cache = new Map<string, Coerced>();
  return (cell) => {
    if (cell.length > CACHE_CELL_CHARS) return coerceFactValue(fact, cell);
    let r = cache.get(cell);
    if (!r) {
      r = coerceFactValue(fact, cell);
      if (cache.size < CACHE_ENTRIES) cache.set(cell, r);
    }
    return r;
  };
}

/** A bound as a double when that is exact, so plain whole numbers are checked without Decimal. */
function exactNumber(d: Decimal | undefined, dflt: number): number | undefined {
  if (d === undefined) return dflt;
  const n = d.toNumber();
  return Number.isSafeInteger(n) && new Decimal(n).equals(d) ? n : undefined;
}

/**
 * The value of a numeric cell when it is certainly valid and in range, else undefined.
 * Mirrors parseAmount + coerceNumber for the forms it accepts: digits with commas
 * anywhere (parseAmount drops them all), or SIMPLE_AMOUNT, whose suffix must suit the fact.
 */
function quickNumber(fact: Fact): (cell: string) => Deferred | undefined {
  const { min, max } = rangeOf(fact);
  const [minN, maxN] = [exactNumber(min, 0), exactNumber(max, Infinity)];
  const [minD, maxD] = [min.toNumber(), max ? max.toNumber() : Infinity];
  const whole = fact.type === 'count' || fact.type === 'months';
  /** An exact whole number, compared as a double when the bounds are exact too. */
  const wholeInRange = (n: number): Deferred | undefined => {
    if (minN !== undefined && maxN !== undefined) return n >= minN && n <= maxN ? n : undefined;
    return clearlyInside(n, minD, maxD) ? n : undefined;
  };
  return (cell) => {
    const digits = plainDigits(cell);
    if (digits !== undefined) return wholeInRange(+digits);
    const m = SIMPLE_AMOUNT.exec(cell);
    if (!m) return undefined;
    const [, sign, num, unit, suffix] = m;
    if ((suffix === '美元' && fact.type !== 'money_usd') || (suffix === '%' && fact.type !== 'ratio')) return undefined;
    const point = num!.includes('.');
    const w = unit && suffix !== '%' ? UNIT_WHOLE[unit]! : undefined;
    if (!sign && !point && suffix !== '%' && (!unit || num!.length <= w!.digits)) return wholeInRange(unit ? +num! * w!.times : +num!);
    // Fractions, percentages and negative figures: not exact as doubles, so kept as decimal text.
    if (whole) return undefined;
    const exp = (unit ? UNIT_EXP[unit]! : 0) - (suffix === '%' ? 2 : 0);
    const approx = (sign ? -1 : 1) * +num! * 10 ** exp;
    if (!clearlyInside(approx, minD, maxD)) return undefined;
    return new DecimalText(exp ? `${sign}${num}e${exp}` : `${sign}${num}`);
  };
}

/** Whether a double near an exact value is far enough inside [min, max] for rounding not to matter. */
function clearlyInside(x: number, min: number, max: number): boolean {
  const room = MARGIN * Math.max(1, Math.abs(x), Math.abs(min), max === Infinity ? 0 : Math.abs(max));
  return x - min > room && max - x > room;
}

/** The digits of a cell of digits and commas that starts with a digit (at most SAFE_DIGITS digits), else undefined. */
function plainDigits(cell: string): string | undefined {
  const n = cell.length;
  if (n === 0 || n > SAFE_DIGITS * 2) return undefined;
  let commas = 0;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c === 44 && i > 0) commas++;
    else if (c < 48 || c > 57) return undefined;
  }
  const digits = commas ? cell.replaceAll(',', '') : cell;
  return digits.length <= SAFE_DIGITS ? digits : undefined;
}
