import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../src/render/wrap-text.js';

describe('wrapping table cells', () => {
  it('counts CJK characters as two columns', () => {
    expect(displayWidth('兰溪市abc')).toBe(9);
    expect(displayWidth('（）')).toBe(4);
  });
  it('never makes a line wider than asked, and loses no character', () => {
    const text = '缺少: overseas_warehouse_public, overseas_warehouse_months, 鼓励电子商务企业入驻电商园区（租金补助）';
    const wrapped = wrapText(text, 20);
    for (const line of wrapped.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(20);
    expect(wrapped.replace(/[\n ]/g, '')).toBe(text.replace(/ /g, ''));
  });
  it('moves a fact id to the next line whole rather than cutting it', () => {
    expect(wrapText('缺少: overseas_warehouse_public, overseas_warehouse_months', 34).split('\n')).toEqual(['缺少: overseas_warehouse_public,', 'overseas_warehouse_months']);
  });
});
