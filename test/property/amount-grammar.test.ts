import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellReader } from '../../src/batch/convert/read-cells.js';
import { DecimalText } from '../../src/batch/convert/defer-facts.js';
import { coerceFactValue } from '../../src/input/coerce-value.js';
import { literal } from '../../src/model/rule-literal.js';
import { Decimal } from '../../src/money/decimal.js';
import { parseAmount } from '../../src/money/parse-amount.js';
import { AmountText } from '../../src/schema/amount-literal.js';
import { shippedRules } from '../helpers/mini-rules.js';

/**
 * The reference grammar, written as a scanner rather than a regular expression so that
 * it is a second reading of the rule, not a copy of it:
 *   amount   = [prefix] [sign] number {space} [unit] {space} [suffix]
 *   prefix   = ¥ | $ | US$ | USD | RMB | CNY  (any case), then {space}
 *   number   = int [. digits] | . digits
 *   int      = digits | 1-3 digits (, 3 digits)+       — commas only between groups of three
 *   unit     = 千万 | 百万 | 十万 | 千 | 万 | 亿
 *   suffix   = 美元 | 美金 | USD | usd | 人民币 | 元 | RMB | rmb | CNY | cny | %
 * on the text after NFKC and trimming, at most 64 characters. Returns the exact value as
 * decimal text, the currency and whether it is a percentage.
 */
function reference(raw: string): { value: string; currency?: 'CNY' | 'USD'; percent: boolean } | undefined {
  let s = raw.normalize('NFKC').trim();
  if (s === '' || s.length > 64) return undefined;
  let currency: 'CNY' | 'USD' | undefined;
  for (const p of ['US$', 'USD', 'RMB', 'CNY', '¥', '$'])
    if (s.slice(0, p.length).toUpperCase() === p) {
      currency = p.includes('$') || p === 'USD' ? 'USD' : 'CNY';
      s = s.slice(p.length).trimStart();
      break;
    }
  let i = 0;
  const sign = s[i] === '-' || s[i] === '+' ? s[i++] : '';
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  const groups: string[] = [''];
  while (isDigit(s[i]) || (s[i] === ',' && isDigit(s[i + 1]))) {
    if (s[i] === ',') groups.push('');
    else groups.push(`${groups.pop() as string}${s[i] as string}`);
    i++;
  }
  if (s[i] === ',') return undefined;
  if (groups.length > 1 && (groups[0]!.length < 1 || groups[0]!.length > 3 || groups.slice(1).some((g) => g.length !== 3))) return undefined;
  let int = groups.join('');
  let frac = '';
  if (s[i] === '.') {
    i++;
    while (isDigit(s[i])) frac += s[i++];
    if (!frac) return undefined;
  }
  if (!int && !frac) return undefined;
  if (!int) int = '0';
  while (/\s/.test(s[i] ?? '')) i++;
  let power = 0;
  for (const [u, p] of [
    ['千万', 7],
    ['百万', 6],
    ['十万', 5],
    ['千', 3],
    ['万', 4],
    ['亿', 8],
  ] as const)
    if (s.startsWith(u, i)) {
      power = p;
      i += u.length;
      break;
    }
  while (/\s/.test(s[i] ?? '')) i++;
  let percent = false;
  const rest = s.slice(i);
  if (rest === '%') percent = true;
  else if (rest !== '') {
    const usd = ['美元', '美金', 'USD', 'usd'].includes(rest);
    const cny = ['人民币', '元', 'RMB', 'rmb', 'CNY', 'cny'].includes(rest);
    if (!usd && !cny) return undefined;
    const c = usd ? 'USD' : 'CNY';
    if (currency && currency !== c) return undefined;
    currency = c;
  }
  const exp = power - (percent ? 2 : 0) - frac.length;
  const value = new Decimal(`${sign}${int}${frac}e${exp}`).toFixed();
  return { value, currency, percent };
}

const TOKENS = [
  '0',
  '1',
  '5',
  '9',
  '12',
  '345',
  '1000',
  ',',
  ',',
  '，',
  '.',
  '．',
  ' ',
  '-',
  '+',
  '万',
  '亿',
  '千',
  '千万',
  '十万',
  '%',
  '％',
  '美元',
  '元',
  'USD',
  'usd',
  'rmb',
  '¥',
  '$',
  'US$',
  '１',
  '_',
  'e',
  'x',
  '\u3000',
];
const tokens = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 9 }).map((t) => t.join(''));

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
/** A number written the right way: optional sign, digits grouped by three with commas or not, a fraction, a unit, a suffix. */
const wellFormed = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    lead: digits(1, 3),
    groups: fc.array(digits(3, 3), { maxLength: 4 }),
    grouped: fc.boolean(),
    frac: fc.oneof(fc.constant(''), digits(1, 6)),
    unit: fc.constantFrom('', '万', '亿', '千', '千万', '十万', '百万'),
    space: fc.constantFrom('', ' '),
    suffix: fc.constantFrom('', '%', '美元', '元', 'USD', 'CNY'),
  })
  .map((r) => ({
    ...r,
    text: `${r.sign}${[r.lead, ...r.groups].join(r.grouped ? ',' : '')}${r.frac ? '.' + r.frac : ''}${r.space}${r.unit}${r.space}${r.suffix}`,
  }));

/** A comma where the grammar has none: groups of other sizes, a leading or trailing comma, a decimal comma. */
const misplacedComma = fc
  .record({ a: digits(1, 5), b: digits(1, 5), unit: fc.constantFrom('', '万', '亿', '%'), lead: fc.boolean() })
  .filter(({ a, b, lead }) => lead || b.length !== 3 || a.length > 3 || a.length === 0)
  .map(({ a, b, unit, lead }) => (lead ? `,${a}${b}${unit}` : `${a},${b}${unit}`));

describe('the one amount grammar (parseAmount) against the reference grammar', () => {
  it('random strings of amount-like tokens: parseAmount reads exactly what the reference reads, to the same value', () => {
    fc.assert(
      fc.property(tokens, (s) => {
        const p = parseAmount(s);
        const r = reference(s);
        expect(p === undefined, `${JSON.stringify(s)}: parseAmount ${p ? 'reads' : 'refuses'}, the reference ${r ? 'reads' : 'refuses'}`).toBe(r === undefined);
        if (p && r) {
          expect(p.value.toFixed(), JSON.stringify(s)).toBe(r.value);
          expect([p.currency, p.percent]).toEqual([r.currency, r.percent]);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('every well-formed amount reads to its exact value, with thousands separators or without', () => {
    fc.assert(
      fc.property(wellFormed, (w) => {
        const p = parseAmount(w.text);
        expect(p, w.text).toBeDefined();
        expect(p!.value.toFixed(), w.text).toBe(reference(w.text)!.value);
      }),
      { numRuns: 2000 },
    );
  });

  it('a misplaced comma is refused everywhere the grammar is used, and named as a comma problem for a fact', () => {
    const set = shippedRules();
    const money = set.facts.get('online_sales')!;
    const ratio = [...set.facts.values()].find((f) => f.type === 'ratio')!;
    const readMoney = cellReader(money);
    fc.assert(
      fc.property(misplacedComma, (text) => {
        expect(parseAmount(text), text).toBeUndefined();
        expect(AmountText.safeParse(text).success, `rule or case literal ${text}`).toBe(false);
        expect(() => literal(text)).toThrow();
        const fact = text.endsWith('%') ? ratio : money;
        const r = coerceFactValue(fact, text);
        expect(r.ok ? 'read' : r.code, text).toBe('AMOUNT_SEPARATOR');
        if (fact === money) {
          const cell = readMoney(text);
          expect(typeof cell === 'number' || cell instanceof DecimalText || cell.ok, `batch cell ${text}`).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("the issue's examples: each is an error with the comma hint, never 65%, 150,000, 1,234, 5 or 5,000", () => {
    const set = shippedRules();
    const money = set.facts.get('online_sales')!;
    const ratio = [...set.facts.values()].find((f) => f.type === 'ratio')!;
    for (const [text, fact] of [
      ['6,5%', ratio],
      ['1,5万', money],
      ['12,34', money],
      ['0,05', money],
      [',5000', money],
      ['1,000,00', money],
      ['1,0000', money],
    ] as const) {
      const r = coerceFactValue(fact, text);
      expect(r.ok ? 'read' : r.code, text).toBe('AMOUNT_SEPARATOR');
    }
    for (const [text, value] of [
      ['1,234,567', '1234567'],
      ['1,234.5万', '12345000'],
      ['12,345', '12345'],
      ['1,000万', '10000000'],
      ['６．５％', '0.065'],
      ['１，２３４', '1234'],
    ] as const)
      expect(parseAmount(text)?.value.toFixed(), text).toBe(value);
  });
});
