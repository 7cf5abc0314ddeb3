import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ERROR_CODES } from '../../src/errors/codes.js';
import { isSubsidyError } from '../../src/errors/subsidy-error.js';
import { ROOT } from '../helpers/cli.js';

/** The real example case files: the seed corpus every mutation starts from. */
export const EXAMPLES: Buffer[] = readdirSync(join(ROOT, 'examples'))
  .filter((n) => n.endsWith('.yaml'))
  .sort()
  .map((n) => readFileSync(join(ROOT, 'examples', n)));

/** Fragments of YAML syntax and of hostile input, inserted at random places. */
const TOKENS = [
  ': ',
  '- ',
  '&a ',
  '*a',
  '[',
  ']',
  '{',
  '}',
  ',',
  '!!binary ',
  '!!str ',
  '!!js/function ',
  '? ',
  '"',
  "'",
  '#',
  '\t',
  '\n',
  '  ',
  '---\n',
  '...\n',
  '|',
  '>',
  '%YAML 1.1\n',
  '<<: ',
  '__proto__: ',
  'constructor: ',
  '0x',
  '.inf',
  '.nan',
  '~',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '亿',
  '万',
  '美元',
  '%',
  '-',
  '1e400',
  '999999999999',
];

type Op = { kind: 'flip' | 'cut' | 'dup' | 'insert' | 'truncate'; at: number; len: number; token: number; byte: number };
const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('flip', 'cut', 'dup', 'insert', 'insert', 'truncate'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 40 }),
  token: fc.nat({ max: TOKENS.length - 1 }),
  byte: fc.nat({ max: 255 }),
});

function apply(buf: Buffer, o: Op, bytes: boolean): Buffer {
  const at = buf.length ? o.at % buf.length : 0;
  switch (o.kind) {
    case 'flip':
      return bytes ? Buffer.concat([buf.subarray(0, at), Buffer.from([o.byte]), buf.subarray(at + 1)]) : buf;
    case 'cut':
      return Buffer.concat([buf.subarray(0, at), buf.subarray(at + o.len)]);
    case 'dup':
      return Buffer.concat([buf.subarray(0, at + o.len), buf.subarray(at)]);
    case 'truncate':
      return buf.subarray(0, at);
    case 'insert':
      return Buffer.concat([buf.subarray(0, at), Buffer.from(TOKENS[o.token]!), buf.subarray(at)]);
  }
}

/**
 * A real example file after 1–6 edits. Text mode keeps edits on character boundaries
 * (so the file stays UTF-8 and reaches the YAML parser); byte mode may cut characters and flip bytes.
 */
export function mutatedExample(mode: 'text' | 'bytes'): fc.Arbitrary<Buffer> {
  return fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(op, { minLength: 1, maxLength: 6 })).map(([seed, ops]) => {
    if (mode === 'bytes') return ops.reduce<Buffer>((b, o) => apply(b, o, true), seed);
    const chars = [...seed.toString('utf8')];
    for (const o of ops) {
      const at = chars.length ? o.at % chars.length : 0;
      if (o.kind === 'cut') chars.splice(at, o.len);
      else if (o.kind === 'dup') chars.splice(at, 0, ...chars.slice(at, at + o.len));
      else if (o.kind === 'truncate') chars.length = at;
      else if (o.kind === 'insert') chars.splice(at, 0, TOKENS[o.token]!);
      else chars[at] = TOKENS[o.token]!;
    }
    return Buffer.from(chars.join(''));
  });
}

/** Anything a reader throws must be a SubsidyError whose findings use known codes. */
export function expectOnlySubsidyError(e: unknown): void {
  if (!isSubsidyError(e)) throw e;
  expect(e.findings.length).toBeGreaterThan(0);
  for (const f of e.findings) expect(ERROR_CODES).toContain(f.code);
}

/** Runs fn, returns its result or undefined for a SubsidyError, and checks it finished within the time box. */
export function boxed<T>(fn: () => T, ms = 1500): T | undefined {
  const start = performance.now();
  try {
    return fn();
  } catch (e) {
    expectOnlySubsidyError(e);
    return undefined;
  } finally {
    expect(performance.now() - start, 'a single call took too long').toBeLessThan(ms);
  }
}
