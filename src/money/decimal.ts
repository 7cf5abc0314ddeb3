import { Decimal as DecimalBase } from 'decimal.js';

/**
 * One Decimal constructor for the whole project: 40 significant digits so that
 * no product of a rate, an area, months and a rent loses a fen, and half-up
 * rounding because that is how Chinese finance bureaus round to the fen.
 */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

/** Round to the fen (0.01 元), half up. Called once per award, at the end. An amount already in fen is returned as it is. */
export function roundFen(d: Decimal): Decimal {
  return d.decimalPlaces() <= 2 ? d : d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function dmin(...xs: Decimal[]): Decimal {
  return xs.reduce((a, b) => (cmp(b, a) < 0 ? b : a));
}

export function dmax(...xs: Decimal[]): Decimal {
  return xs.reduce((a, b) => (cmp(b, a) > 0 ? b : a));
}

/** "1234567" -> "1,234,567". A loop, not a look-ahead regex: traces format thousands of numbers per batch row. */
function groupThousands(int: string): string {
  if (int.length <= 3) return int;
  let i = int.length % 3 || 3;
  let out = int.slice(0, i);
  for (; i < int.length; i += 3) out += ',' + int.slice(i, i + 3);
  return out;
}

/** "1234567.5" -> "1,234,567.50" (元, always two decimals). */
export function formatYuan(d: Decimal): string {
  const fixed = d.toFixed(2);
  const neg = fixed.startsWith('-');
  const [int, frac] = (neg ? fixed.slice(1) : fixed).split('.');
  const grouped = groupThousands(int ?? '0');
  return `${neg ? '-' : ''}${grouped}.${frac}`;
}

/** Plain number for formulas: thousands separators, no trailing zeros. */
export function formatNumber(d: Decimal): string {
  const s = d.toFixed();
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = groupThousands(int ?? '0');
  return `${neg ? '-' : ''}${grouped}${frac ? '.' + frac : ''}`;
}

/** 600000 -> "60万", 150000000 -> "1.5亿"; falls back to plain grouping. */
export function formatWan(d: Decimal): string {
  const abs = d.abs();
  if (abs.greaterThanOrEqualTo(1e8) && abs.mod(1e6).isZero()) return `${d.div(1e8).toFixed()}亿`;
  if (abs.greaterThanOrEqualTo(1e4) && abs.mod(100).isZero()) return `${d.div(1e4).toFixed()}万`;
  return formatNumber(d);
}

export function formatPercent(d: Decimal): string {
  return `${d.times(100).toFixed()}%`;
}

/**
 * a.comparedTo(b) without its copy of b: decimal.js copies the argument (digits
 * and all) on every comparison, and the engine compares a fact with a rule's
 * threshold many times a row. Reads the documented read-only d, e and s of two
 * finite Decimals with the same algorithm; anything else takes comparedTo.
 */
export function cmp(a: Decimal, b: Decimal): number {
  const ad = a.d;
  const bd = b.d;
  if (!ad || !bd) return a.comparedTo(b);
  if (!ad[0] || !bd[0]) return ad[0] ? a.s : bd[0] ? -b.s : 0;
  if (a.s !== b.s) return a.s;
  const flip = a.s < 0 ? -1 : 1;
  if (a.e !== b.e) return a.e > b.e ? flip : -flip;
  const n = Math.min(ad.length, bd.length);
  for (let i = 0; i < n; i++) if (ad[i] !== bd[i]) return ad[i]! > bd[i]! ? flip : -flip;
  return ad.length === bd.length ? 0 : ad.length > bd.length ? flip : -flip;
}
