import { Decimal } from './decimal.js';

export type Currency = 'CNY' | 'USD';

export interface ParsedAmount {
  value: Decimal;
  currency?: Currency;
  percent: boolean;
}

const UNIT: Record<string, Decimal> = {
  千: new Decimal(1e3),
  万: new Decimal(1e4),
  十万: new Decimal(1e5),
  百万: new Decimal(1e6),
  千万: new Decimal(1e7),
  亿: new Decimal(1e8),
};
const HUNDRED = new Decimal(100);
// Most cells of a spreadsheet are plain digits: they skip normalising and the regular expressions.
const PLAIN_DIGITS = /^\d{1,20}$/;
/**
 * The one grammar of written amounts (inputs, rule literals, case files): an optional
 * sign, digits with commas only between groups of three (1,234,567), an optional
 * decimal point (never a comma), then a 万-style unit and a currency or %, with
 * spaces allowed between those parts but not inside the number. Longest unit first
 * so that 千万 is not read as 千 followed by junk.
 */
const AMOUNT_RE = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(千万|百万|十万|千|万|亿)?\s*(美元|美金|USD|usd|人民币|元|RMB|rmb|CNY|cny|%)?$/;
const PREFIX_RE = /^(?:¥|\$|US\$|USD|RMB|CNY)\s*/i;
const MAX_CHARS = 64;

/** The text as the grammar reads it: NFKC (full-width digits, ，and ％ become ASCII) and trimmed. */
const normal = (raw: string) => raw.normalize('NFKC').trim();

/**
 * Reads an amount the way people type it: "5,000,000", "500万", "1.2亿",
 * "50万美元", "12%", "¥3,000". Returns undefined for anything else: the caller
 * knows the field and reports the error with its position (amountHint says
 * when a misplaced comma is the reason).
 */
export function parseAmount(raw: string): ParsedAmount | undefined {
  if (PLAIN_DIGITS.test(raw)) return { value: new Decimal(raw), currency: undefined, percent: false };
  let s = normal(raw);
  if (s === '' || s.length > MAX_CHARS) return undefined;
  let currency: Currency | undefined;
  const prefix = PREFIX_RE.exec(s);
  if (prefix) {
    currency = /\$|usd/i.test(prefix[0]) ? 'USD' : 'CNY';
    s = s.slice(prefix[0].length);
  }
  const m = AMOUNT_RE.exec(s);
  if (!m) return undefined;
  const [, sign, digits, unit, suffix] = m;
  let value = new Decimal(`${sign ?? ''}${digits!.replace(/,/g, '')}`);
  if (unit) value = value.times(UNIT[unit]!);
  const percent = suffix === '%';
  if (percent) value = value.div(HUNDRED);
  if (suffix && !percent) {
    const suffixCurrency: Currency = /美|usd/i.test(suffix) ? 'USD' : 'CNY';
    if (currency && currency !== suffixCurrency) return undefined;
    currency = suffixCurrency;
  }
  if (!value.isFinite()) return undefined;
  return { value, currency, percent };
}

/**
 * Why parseAmount refused a text, when a comma is the reason: "12,34", "1,5万",
 * ",5000", "6,5%" and "0,05" would read as amounts without their commas, but a
 * comma there is either a decimal comma or a slip, and the two readings differ
 * by orders of magnitude. Undefined when the text has some other problem.
 */
export function amountHint(raw: string): 'separator' | undefined {
  const s = normal(raw);
  if (!s.includes(',') || s.length > MAX_CHARS) return undefined;
  return parseAmount(s.replace(/,/g, '')) ? 'separator' : undefined;
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
