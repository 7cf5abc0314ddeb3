import { Decimal } from './decimal.js';

export type Currency = 'CNY' | 'USD';

export interface ParsedAmount {
  value: Decimal;
  currency?: Currency;
  percent: boolean;
}

const UNIT: Record<string, Decimal> = { 千: new Decimal(1e3), 万: new Decimal(1e4), 十万: new Decimal(1e5), 百万: new Decimal(1e6), 千万: new Decimal(1e7), 亿: new Decimal(1e8) };
const HUNDRED = new Decimal(100);
// Most cells of a spreadsheet are plain digits: they skip normalising and both regular expressions.
const PLAIN_DIGITS = /^\d{1,20}$/;
// Longest unit first so that 千万 is not read as 千 followed by junk.
const AMOUNT_RE =
  /^([+-]?)(\d+(?:\.\d+)?|\.\d+)(千万|百万|十万|千|万|亿)?(美元|美金|USD|usd|人民币|元|RMB|rmb|CNY|cny|%|％)?$/;
const PREFIX_RE = /^(?:¥|￥|\$|US\$|USD|RMB|CNY)\s*/i;

/**
 * Reads an amount the way people type it: "5,000,000", "500万", "1.2亿",
 * "50万美元", "12%", "¥3,000". Returns undefined for anything else: the caller
 * knows the field and reports the error with its position.
 */
export function parseAmount(raw: string): ParsedAmount | undefined {
  if (PLAIN_DIGITS.test(raw)) return { value: new Decimal(raw), currency: undefined, percent: false };
  let s = raw.normalize('NFKC').trim().replace(/[,，_\s]/g, '');
  if (s === '' || s.length > 64) return undefined;
  let currency: Currency | undefined;
  const prefix = PREFIX_RE.exec(s);
  if (prefix) {
    currency = /\$|usd/i.test(prefix[0]) ? 'USD' : 'CNY';
    s = s.slice(prefix[0].length);
  }
  const m = AMOUNT_RE.exec(s);
  if (!m) return undefined;
  const [, sign, digits, unit, suffix] = m;
  let value = new Decimal(`${sign ?? ''}${digits}`);
  if (unit) value = value.times(UNIT[unit]!);
  const percent = suffix === '%' || suffix === '％';
  if (percent) value = value.div(HUNDRED);
  if (suffix && !percent) {
    const suffixCurrency: Currency = /美|usd/i.test(suffix) ? 'USD' : 'CNY';
    if (currency && currency !== suffixCurrency) return undefined;
    currency = suffixCurrency;
  }
  if (!value.isFinite()) return undefined;
  return { value, currency, percent };
}

const TRUE_WORDS = new Set(['是', '有', '对', 'true', 'yes', 'y', '1', '√', '✓', 't']);
const FALSE_WORDS = new Set(['否', '无', '没有', '不是', 'false', 'no', 'n', '0', '×', '✗', 'f']);

export function parseBoolean(raw: string): boolean | undefined {
  const s = raw.normalize('NFKC').trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return undefined;
}

/** A real calendar date in YYYY-MM-DD (also 2024/3/5, 2024年3月5日). */
export function parseDate(raw: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.normalize('NFKC').trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
