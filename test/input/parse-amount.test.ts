import { describe, expect, it } from 'vitest';
import { parseAmount, parseBoolean, parseDate } from '../../src/money/parse-amount.js';
import { formatYuan, roundFen, Decimal } from '../../src/money/decimal.js';

describe('amounts as people type them', () => {
  it.each([
    ['5,000,000', '5000000', undefined],
    ['500万', '5000000', undefined],
    ['1.2亿', '120000000', undefined],
    ['50万美元', '500000', 'USD'],
    ['¥3,000', '3000', 'CNY'],
    ['3万元', '30000', 'CNY'],
    ['12%', '0.12', undefined],
    ['１２０万', '1200000', undefined],
  ])('%s → %s', (raw, value, currency) => {
    const p = parseAmount(raw)!;
    expect(p.value.toFixed()).toBe(value);
    expect(p.currency).toBe(currency);
  });
  it.each(['', 'abc', '5万万', '1e400', 'NaN', 'Infinity', '--5', '5万美元元'])('rejects %j', (raw) => {
    expect(parseAmount(raw)).toBeUndefined();
  });
  it('booleans in Chinese and English', () => {
    expect([parseBoolean('是'), parseBoolean('否'), parseBoolean('yes'), parseBoolean('maybe')]).toEqual([true, false, true, undefined]);
  });
  it('dates that exist only', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeUndefined();
    expect(parseDate('2024年3月5日')).toBe('2024-03-05');
  });
  it('rounds half up to the fen and formats with separators', () => {
    expect(roundFen(new Decimal('0.005')).toFixed(2)).toBe('0.01');
    expect(roundFen(new Decimal('2.675')).toFixed(2)).toBe('2.68');
    expect(formatYuan(new Decimal('1234567.5'))).toBe('1,234,567.50');
  });
});
