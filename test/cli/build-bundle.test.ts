import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import Module from 'node:module';
import { Script } from 'node:vm';
import { asciiOnly, WRAP } from '../../src/cli/build-bundle.js';

// The bundle is written in ASCII so that reading it at start-up makes a one-byte string
// (src/cli/build-bundle.ts). The escape must not change what any piece of code means.

const BUNDLES = ['subsidy.cjs', 'launch.cjs'].map((n) => new URL(`../../dist/bundle/${n}`, import.meta.url));

describe('the built bundle', () => {
  it('is ASCII only, and still holds the Chinese of its regular expressions (escaped)', () => {
    for (const f of BUNDLES) {
      const bytes = readFileSync(f);
      expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
    }
    // The money parser's 万 must be in there, as an escape: the build ran asciiOnly.
    expect(readFileSync(BUNDLES[0]!, 'latin1')).toContain('\\u4E07');
  });
  it('is written as the function Node wraps a CommonJS module in, which the launcher compiles as it is', () => {
    const text = readFileSync(BUNDLES[0]!, 'latin1');
    expect(text.startsWith(WRAP[0])).toBe(true);
    expect(text.endsWith(WRAP[1])).toBe(true);
    expect(Module.wrap('x')).toBe(`${WRAP[0]}x${WRAP[1]}`);
    expect(typeof new Script(text).runInThisContext()).toBe('function');
  });
});

// Pieces of regular expressions where a character outside ASCII may stand: alone, escaped
// (an identity escape, without the u flag only), in a class, as the end of a range, astral.
const cjk = fc.constantFrom('万', '；', '、', '年', '，', '。', '／', '＝', '￥', 'é', '😀', '𠀀');
const ascii = fc.constantFrom('a', '1', ';', '/', '.', ' ', '-');
const atom = (unicode: boolean) =>
  fc.oneof(
    cjk,
    ascii.map((c) => (/[a-z0-9 ;-]/.test(c) ? c : `\\${c}`)),
    unicode ? cjk : cjk.map((c) => (c.length === 1 ? `\\${c}` : c)),
    fc
      .array(
        fc.oneof(
          cjk.filter((c) => c.length === 1 || unicode),
          ascii.filter((c) => c !== '-' && c !== '/'),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((xs) => `[${xs.join('')}]`),
    fc.boolean().map((neg) => `[${neg ? '^' : ''}一-龥]`),
  );
const pattern = (unicode: boolean) =>
  fc.array(fc.tuple(atom(unicode), fc.constantFrom('', '+', '?', '*')), { minLength: 1, maxLength: 5 }).map((xs) => xs.map(([a, q]) => a + q).join(''));
const subject = fc.array(fc.oneof(cjk, ascii), { maxLength: 10 }).map((xs) => xs.join(''));

describe('asciiOnly', () => {
  for (const flags of ['', 'u', 'g', 'iu']) {
    it(`keeps what a regular expression matches (flags "${flags}")`, () => {
      fc.assert(
        fc.property(pattern(flags.includes('u')), fc.array(subject, { minLength: 1, maxLength: 6 }), (src, subjects) => {
          const escaped = asciiOnly(src);
          expect(escaped).toMatch(/^[\x00-\x7f]*$/);
          const [a, b] = [new RegExp(src, flags), new RegExp(escaped, flags)];
          for (const s of subjects) expect(s.match(b)).toEqual(s.match(a));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('keeps what a string literal says, and leaves ASCII alone', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(cjk, ascii, fc.constantFrom('\\\\', '\\n', '"')), { maxLength: 12 }), (parts) => {
        const literal = JSON.stringify(parts.join(''));
        expect(JSON.parse(asciiOnly(literal))).toBe(JSON.parse(literal));
      }),
    );
    const plain = 'let x=/[;,]/.test("a\\\\b")';
    expect(asciiOnly(plain)).toBe(plain);
  });

  it('drops the backslash of an identity escape, and only that one', () => {
    expect(asciiOnly('/\\。/')).toBe('/\\u3002/');
    expect(asciiOnly('/\\\\。/')).toBe('/\\\\\\u3002/');
    expect(asciiOnly('"万元"')).toBe('"\\u4E07\\u5143"');
  });
});
