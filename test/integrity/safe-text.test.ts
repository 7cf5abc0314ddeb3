import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeJson, safeText } from '../../src/i18n/safe-text.js';
import { cli } from '../helpers/cli.js';
import { scratch } from './files.js';

// Class 9 of issue 14: control characters (C0, C1, ESC, bidi overrides) from input strings
// reached the terminal and reports raw. Every output shows them escaped (\u001b).
const s = scratch('safe-text');
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;
const CONTROLS = ['\u001b[31m', '\u001b]0;pwned\u0007', '\u009b2J', '\u202e', '\u2066', '\u200f', '\r', '\u0000', '\u007f', '\u0008'];
const hostile = fc
  .array(fc.oneof(fc.string(), fc.constantFrom(...CONTROLS), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 6 })
  .map((xs) => xs.join(''));

describe('safeText and safeJson', { timeout: 120_000 }, () => {
  it('leave no control character raw, change nothing else, and escape each as \\uXXXX', () => {
    fc.assert(
      fc.property(hostile, (t) => {
        const out = safeText(t);
        expect(UNSAFE.test(out), JSON.stringify(out)).toBe(false);
        expect(
          out.replace(/\\u([0-9a-f]{4})/g, (m, h: string) => (UNSAFE.test(String.fromCharCode(parseInt(h, 16))) ? String.fromCharCode(parseInt(h, 16)) : m)),
        ).toBe(t);
        if (!UNSAFE.test(t)) expect(out).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });
  it('JSON keeps its data exactly', () => {
    fc.assert(
      fc.property(fc.dictionary(hostile, hostile), (o) => {
        const out = safeJson(JSON.stringify(o));
        expect(UNSAFE.test(out)).toBe(false);
        expect(JSON.parse(out)).toEqual(o);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a name with an ESC sequence, a bidi override and C1 controls', { timeout: 120_000 }, () => {
  const NAME = 'Evil\\e[31mRed\\e[0m\\u202eCorp\\x9b2J\\x07\\rX';
  const raw = (text: string) => expect(UNSAFE.test(text.replace(/\r\n/g, '\n')), JSON.stringify(text.slice(0, 400))).toBe(false);

  it('calc: table, JSON, CSV and Markdown, and --explain, show it escaped', () => {
    const f = s.write('evil.yaml', `name: "${NAME}"\nid: "\\e[2J"\nregion: 兰溪市\nyear: 2023\nfacts:\n  online_sales: 100万\n`);
    for (const format of ['table', 'json', 'csv', 'md']) {
      const r = cli(['calc', f, '--format', format, '--explain', '--all']);
      expect(r.code, r.stderr).toBe(0);
      raw(r.stdout);
      // The itemised CSV has no enterprise column; the others name the enterprise.
      if (format !== 'csv') expect(r.stdout).toMatch(/Evil\\u001b\[31mRed/);
    }
  });

  it('batch: CSV, JSON Lines and Markdown reports, the terminal summary, and error messages on stderr', () => {
    const rows = [
      JSON.stringify({
        id: 'A',
        name: JSON.parse(`"${NAME.replace(/\\e/g, '\\u001b').replace(/\\x9b/g, '\\u009b').replace(/\\x07/g, '\\u0007')}"`),
        region: '兰溪市',
        year: 2023,
        facts: { online_sales: '100万' },
      }),
      JSON.stringify({ id: 'B\u001b[2J', region: '兰溪市', year: 2023, facts: { online_sales: '很多\u001b]0;x\u0007\u202e' } }),
    ];
    const input = s.write('evil.jsonl', rows.join('\n') + '\n');
    for (const ext of ['csv', 'jsonl', 'md']) {
      const out = s.path(`report.${ext}`);
      const r = cli(['batch', input, '--out', out, '--lang', 'en']);
      expect(r.code).toBe(1);
      raw(r.stdout);
      raw(r.stderr);
      raw(readFileSync(out, 'utf8'));
      expect(r.stderr).toContain('\\u001b]0;x\\u0007\\u202e');
    }
  });
});
