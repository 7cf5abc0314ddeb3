import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/load/read-yaml.js';
import { decodeUtf8 } from '../../src/load/read-text-file.js';
import { parseAmount } from '../../src/money/parse-amount.js';
import { coerceFactValue } from '../../src/input/coerce-value.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { enterpriseRecord } from '../../src/input/enterprise-record.js';
import { loadCaseFile } from '../../src/cases/load-cases.js';
import { runCase } from '../../src/cases/run-case.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { renderResult } from '../../src/render/render-result.js';
import { ERROR_CODES } from '../../src/errors/codes.js';
import { Decimal } from '../../src/money/decimal.js';
import { shippedRules } from '../helpers/mini-rules.js';
import { boxed, EXAMPLES, mutatedExample } from './mutate.js';

// Bounded: the run counts below keep the whole file to a few seconds; FUZZ_SCALE=20 runs twenty times as many.
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => ({ numRuns: n * SCALE });
const set = shippedRules();
const facts = [...set.facts.values()];
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.stringMatching(/^[+-]?[0-9.,，_ ]{0,30}(千万|百万|十万|千|万|亿)?(美元|元|USD|RMB|%|％)?$/),
  fc.constantFrom('1e400', 'NaN', 'Infinity', '-0', '0x10', '１２３万', '999999999999亿', '1'.repeat(10_000), '.', '万', '$', '¥-5', '5万万', '50万美元元'),
);

describe('readYaml: random text and mutated example files', () => {
  it('random strings: parses or throws a SubsidyError, each within the time box', () => {
    fc.assert(
      fc.property(hostile, (s) => void boxed(() => readYaml(s, 'fuzz.yaml'))),
      runs(400),
    );
  });
  it('mutated examples (YAML syntax inserted, cut, duplicated, truncated)', () => {
    fc.assert(
      fc.property(mutatedExample('text'), (buf) => void boxed(() => readYaml(decodeUtf8(buf, 'm.yaml'), 'm.yaml'))),
      runs(400),
    );
  });
  it('byte-level mutations (flipped bytes, characters cut in half) go through the decoder first', () => {
    fc.assert(
      fc.property(mutatedExample('bytes'), (buf) => void boxed(() => readYaml(decodeUtf8(buf, 'b.yaml'), 'b.yaml'))),
      runs(300),
    );
  });
});

describe('amounts and fact values', () => {
  it('parseAmount never throws, and what it accepts is a finite number', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const p = boxed(() => parseAmount(s), 200);
        if (p) expect(p.value.isFinite()).toBe(true);
      }),
      runs(1000),
    );
  });
  it('coerceFactValue on every kind of fact with any value: a typed value or an error code, never an exception', () => {
    fc.assert(
      fc.property(fc.constantFrom(...facts), fc.oneof(fc.anything(), hostile), (fact, raw) => {
        const r = boxed(() => coerceFactValue(fact, raw), 200)!;
        if (!r.ok) expect(ERROR_CODES).toContain(r.code);
        else if (r.value instanceof Decimal) expect(r.value.isFinite()).toBe(true);
      }),
      runs(1000),
    );
  });
});

describe('toEnterprise and the engine behind it', () => {
  // Example inputs with values replaced by anything, keys renamed or dropped, junk keys added.
  const inputs = EXAMPLES.map((buf, i) => enterpriseRecord(readYaml(buf.toString('utf8'), `e${i}.yaml`)).record);
  const mutatedRecord = fc
    .tuple(
      fc.constantFrom(...inputs),
      fc.array(fc.tuple(fc.constantFrom('facts', 'top'), fc.nat(), fc.oneof(fc.anything(), hostile), fc.constantFrom('replace', 'drop', 'add')), {
        maxLength: 5,
      }),
    )
    .map(([input, edits]) => {
      const rec = structuredClone(input) as Record<string, unknown>;
      for (const [where, i, value, how] of edits) {
        const target = where === 'facts' && rec.facts && typeof rec.facts === 'object' ? (rec.facts as Record<string, unknown>) : rec;
        const keys = Object.keys(target);
        const key = how === 'add' ? String(value).slice(0, 20) : (keys[i % Math.max(keys.length, 1)] ?? 'x');
        if (how === 'drop') delete target[key];
        else target[key] = value;
      }
      return rec;
    });

  it('never throws; gives an enterprise or findings; an enterprise evaluates and renders in every format', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedRecord, fc.anything()), (rec) => {
        const { enterprise, findings } = boxed(() => toEnterprise(set, rec, () => ({})))!;
        expect(Boolean(enterprise) !== findings.length > 0).toBe(true);
        for (const f of findings) expect(ERROR_CODES).toContain(f.code);
        if (!enterprise) return;
        const ev = boxed(() => evaluate(set, enterprise))!;
        for (const format of ['json', 'table', 'csv', 'md'] as const)
          boxed(() => renderResult([ev], set, { format, lang: 'en', explain: format === 'table', all: true }));
      }),
      runs(150),
    );
  });
});

describe('the case-file loader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subsidy-fuzz-'));
  it('mutated example case files load and run, or fail with a SubsidyError', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(mutatedExample('text'), mutatedExample('bytes')), (buf) => {
        const file = join(dir, `case-${n++}.yaml`);
        writeFileSync(file, buf);
        const cases = boxed(() => loadCaseFile(file)) ?? [];
        for (const l of cases) boxed(() => runCase(set, l.case, l.src, l.index));
      }),
      runs(200),
    );
  });
});
