import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlank } from '../../src/input/coerce-value.js';

// The words the fact dictionary treats as "unknown", as documented in README.
const WORDS = ['', '-', '—', '不详', '未知', 'unknown', 'n/a', 'na', '?', '？'];
const reference = (s: string) => WORDS.includes(s.trim().toLowerCase());

describe('isBlank', () => {
  it('takes padded and differently cased blank words, whatever the padding', () => {
    for (const s of ['　unknown', ' unknown ', 'UNKNOWN', '\u00a0n/a\u00a0', '\ufeff不详', '  -  ', '\t?\n', 'N/A'])
      expect(isBlank(s), JSON.stringify(s)).toBe(true);
    for (const s of ['unknowns', 'abcdefgh', '0', '否', '--', 'n/a x']) expect(isBlank(s), JSON.stringify(s)).toBe(false);
  });

  it('agrees with trimming and lower-casing on generated cells', () => {
    const pad = fc.constantFrom('', ' ', '　', '\u00a0', '\t', '\ufeff', '\n');
    const word = fc.oneof(fc.constantFrom(...WORDS, 'UNKNOWN', 'Unknown', 'NA', 'x', '是', '5万', 'unknown1'), fc.string({ maxLength: 10 }));
    fc.assert(
      fc.property(pad, word, pad, (a, w, b) => {
        expect(isBlank(a + w + b), JSON.stringify(a + w + b)).toBe(reference(a + w + b));
      }),
      { numRuns: 5000 },
    );
  });
});
