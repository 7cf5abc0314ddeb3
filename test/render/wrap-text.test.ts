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
    expect(wrapText('缺少: overseas_warehouse_public, overseas_warehouse_months', 34).split('\n')).toEqual([
      '缺少: overseas_warehouse_public,',
      'overseas_warehouse_months',
    ]);
  });
});

describe('Chinese line breaking', () => {
  it('never starts a line with a closing mark: the character before it moves down too', () => {
    const texts = [
      '仅适用于缙云县：主体须在缙云县域范围内依法成立（第（二十）条）。',
      '“正常运营3个月以上”读作运营满3个月（≥3）。',
      '甲乙丙）。丙丁（戊）。己庚（辛）」。',
    ];
    for (const text of texts)
      for (let width = 10; width <= 40; width++) {
        const lines = wrapText(text, width).split('\n');
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        for (const line of lines.slice(1)) expect({ width, line }).not.toMatchObject({ line: expect.stringMatching(/^[，。、；：！？）》」』】〕”’]/u) });
        expect(lines.join('')).toBe(text);
      }
  });
});
