import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columns, displayWidth, wrapText } from '../../src/render/wrap-text.js';

/** The definition: columns() of each code point (a lone surrogate is one), summed. */
const byLoop = (s: string) => {
  let w = 0;
  for (const ch of s) w += columns(ch.codePointAt(0)!);
  return w;
};

/** Text around the edges of every range columns() knows, with surrogates whole and alone. */
const EDGES = [
  0x10ff, 0x1100, 0x115f, 0x1160, 0x2e7f, 0x2e80, 0xa4cf, 0xa4d0, 0xabff, 0xac00, 0xd7a3, 0xd7a4, 0xf8ff, 0xf900, 0xfaff, 0xfb00, 0xfe2f, 0xfe30, 0xfe4f,
  0xfe50, 0xfeff, 0xff00, 0xff60, 0xff61, 0xffdf, 0xffe0, 0xffe6, 0xffe7, 0x1ffff, 0x20000, 0x3fffd, 0x3fffe, 0x3ffff, 0x40000, 0x10ffff,
];
const piece = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(...EDGES).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)),
  fc.constantFrom('兰溪市', '（）', '，。', '\x1b[31m', 'abc ', '한글', '😀'),
);

/** displayWidth of texts joined from the pieces is what the loop over their characters gives. */
function measuresAsTheLoop(pieces: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
      const s = parts.join('');
      expect(displayWidth(s)).toBe(byLoop(s));
    }),
    { numRuns: 3000 },
  );
}

describe('wrapping table cells', () => {
  it('counts CJK characters as two columns', () => {
    expect(displayWidth('兰溪市abc')).toBe(9);
    expect(displayWidth('（）')).toBe(4);
  });
  it('measures any text as the loop over its characters does (edges of every range, lone and paired surrogates)', () => {
    measuresAsTheLoop(piece);
  });
  it('measures text without surrogates (the common case, counted another way) as the loop does, at every range edge', () => {
    const bmpEdge = fc.constantFrom(...EDGES.filter((cp) => cp < 0xd800 || (cp > 0xdfff && cp < 0x10000))).map((cp) => String.fromCharCode(cp));
    const bmp = fc.oneof(
      bmpEdge,
      fc.string({ unit: fc.integer({ min: 0, max: 0xd7ff }).map((u) => String.fromCharCode(u)) }),
      fc.constantFrom('兰溪市', '（）', 'abc '),
    );
    measuresAsTheLoop(bmp);
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
