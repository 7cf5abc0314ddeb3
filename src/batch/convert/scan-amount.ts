/**
 * What scanAmount found in a cell. One object is filled in per call, rather
 * than a regular expression's match and substrings: batch reads about sixty
 * numeric cells a row, and those allocations showed in its profiles.
 */
export interface ScannedAmount {
  /** A leading minus sign. */
  neg: boolean;
  /** Every digit of the numeral read as one integer: exact while there are at most 15. */
  value: number;
  /** Digits before the decimal point, and after it (0 when there is no point). */
  digits: number;
  fraction: number;
  /** Where the numeral (digits and point, no sign) starts and ends in the cell. */
  numStart: number;
  numEnd: number;
  /** Thousands separators were dropped (only in a plain whole number). */
  commas: boolean;
  /** The power of ten of a 万 (4) or 亿 (8) after the numeral; 0 when there is none. */
  unit: number;
  suffix: '' | 'usd' | 'percent';
}

export function scannedAmount(): ScannedAmount {
  return { neg: false, value: 0, digits: 0, fraction: 0, numStart: 0, numEnd: 0, commas: false, unit: 0, suffix: '' };
}

const MAX_DIGITS = 15;

/**
 * Reads the forms of number people type most, into `out`, and says whether the
 * cell is one of them: digits with commas between groups of three (1,234,567),
 * at most 15 digits; or an optional minus, up to 15 digits, an optional point
 * and up to 15 more, an optional 万 or 亿, then an optional 美元 or %. Anything
 * else (a comma out of place among them) is left to the general parser.
 */
export function scanAmount(cell: string, out: ScannedAmount): boolean {
  const n = cell.length;
  out.neg = n > 0 && cell.charCodeAt(0) === 45;
  let i = out.neg ? 1 : 0;
  out.numStart = i;
  let value = 0;
  let commas = false;
  let group = 0; // digits since the last comma (or the start)
  for (; i < n; i++) {
    const c = cell.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      group++;
    } else if (c === 44 && !out.neg) {
      // Groups of three after the first, which has one to three digits.
      if (group === 0 || group > 3 || (commas && group !== 3)) return false;
      commas = true;
      group = 0;
    } else break;
  }
  if (commas && group !== 3) return false;
  let digits = i - out.numStart;
  if (commas) digits -= countCommas(cell, out.numStart, i);
  if (digits === 0 || digits > MAX_DIGITS) return false;
  out.commas = commas;
  out.digits = digits;
  out.fraction = 0;
  out.unit = 0;
  out.suffix = '';
  if (commas) {
    out.value = value;
    out.numEnd = i;
    return i === n && n <= 2 * MAX_DIGITS;
  }
  if (i < n && cell.charCodeAt(i) === 46) {
    const start = ++i;
    for (; i < n; i++) {
      const c = cell.charCodeAt(i);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
    }
    out.fraction = i - start;
    if (out.fraction === 0 || out.fraction > MAX_DIGITS) return false;
  }
  out.value = value;
  out.numEnd = i;
  if (i < n && cell[i] === '万') (out.unit = 4), i++;
  else if (i < n && cell[i] === '亿') (out.unit = 8), i++;
  if (i < n && cell[i] === '%') (out.suffix = 'percent'), i++;
  else if (cell.startsWith('美元', i)) (out.suffix = 'usd'), (i += 2);
  return i === n;
}

function countCommas(cell: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) if (cell.charCodeAt(i) === 44) k++;
  return k;
}
