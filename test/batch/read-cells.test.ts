import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimalText, DeferredFacts, FactSlots, type Deferred } from '../../src/batch/convert/defer-facts.js';
import { cellReader } from '../../src/batch/convert/read-cells.js';
import { cellsOfLine } from '../../src/batch/read/split-cells.js';
import { coerceFactValue, type Coerced } from '../../src/input/coerce-value.js';
import type { FactValue } from '../../src/model/fact-value.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { Decimal } from '../../src/money/decimal.js';

const set = loadRulesSync();
const facts = [...set.facts.values()];

/** A result as plain data: Decimals as their exact text, a deferred figure as the Decimal it stands for. */
function plain(r: Coerced | Deferred): unknown {
  if (typeof r === 'number') return { ok: true, value: new Decimal(r).toFixed() };
  if (r instanceof DecimalText) return { ok: true, value: new Decimal(r.text).toFixed() };
  if (!r.ok) return r;
  const v = r.value;
  return { ok: true, value: v instanceof Decimal ? v.toFixed() : Array.isArray(v) ? v.map((x: unknown) => (x instanceof Decimal ? x.toFixed() : x)) : v };
}

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
/** Cells in the forms the fast path takes and just beside them: commas, units, suffixes, signs, spaces, huge values. */
const cell = fc.oneof(
  digits(1, 20),
  fc.tuple(digits(1, 6), fc.array(digits(0, 4), { maxLength: 4 })).map(([a, bs]) => [a, ...bs].join(',')),
  fc
    .tuple(digits(1, 13), fc.constantFrom('', '.5', '.25', '.', '.0'), fc.constantFrom('', '万', '亿', '千'), fc.constantFrom('', '%', '美元', '元', '％', ' '))
    .map((xs) => xs.join('')),
  fc.tuple(fc.constantFrom('-', '+', ' ', ',', '¥', '１'), digits(1, 8)).map((xs) => xs.join('')),
  fc
    .tuple(fc.constantFrom('', '-'), digits(1, 4), fc.constantFrom('', '.5', '.05', '.123', '.0'), fc.constantFrom('', '%', '万', '万美元', '亿', '美元'))
    .map((xs) => xs.join('')),
  fc.constantFrom(
    '1,,2',
    ',12',
    '12,',
    '-1,2',
    '1,234.5',
    '1.2.3',
    '12万万',
    '5%美元',
    '5美元%',
    '.5',
    '5.',
    '-',
    '--5',
    '-5万美元',
    '0,000,000,000,000,001',
    '1,000,000,000,000,000',
    '0%',
    '-0',
    '-0.0%',
    '100%',
    '100.0%',
    '-100%',
    '-100.5%',
    '0.0',
    '1.0',
    '99999999999999.5',
    '7万美元',
    '1.5万',
    '-3',
  ),
  fc.constantFrom(
    '0',
    '00',
    '1',
    '1e3',
    '5000000',
    '9007199254740993',
    '99999999999999999999',
    '12万美元',
    '1.2亿',
    '100%',
    '150%',
    '0.5',
    '是',
    '否',
    '-',
    '不详',
  ),
  fc.string({ maxLength: 8 }),
  // Lists (enum sets, money lists): items, labels, amounts and blanks between the separators people use.
  fc
    .array(fc.constantFrom('producer', '生产企业', '直播机构/MCN机构', 'retail', '零售型', '2万', '3,000', '1.5万', '-1', ' 5万 ', '-', '不详', '', 'x'), {
      minLength: 1,
      maxLength: 4,
    })
    .chain((items) => fc.constantFrom(';', '；', '、', ',', '，', '|', ' ').map((sep) => items.join(sep))),
);

describe('cell readers (batch) read a cell exactly as coerceFactValue does', () => {
  it('for every fact of the dictionary, on generated cells', () => {
    const readers = new Map(facts.map((f) => [f.id, cellReader(f)]));
    fc.assert(
      fc.property(fc.constantFrom(...facts), cell, (fact, text) => {
        if (text === '') return;
        expect(plain(readers.get(fact.id)!(text)), `${fact.id} (${fact.type}): "${text}"`).toEqual(plain(coerceFactValue(fact, text)));
      }),
      { numRuns: 20000 },
    );
  });

  it('the same again when a cell comes back (cached)', () => {
    for (const fact of facts.slice(0, 40)) {
      const read = cellReader(fact);
      for (const text of ['是', '否', '120万', '1,200', '12.5%', '很多', '30万美元', '3']) expect(plain(read(text))).toEqual(plain(read(text)));
    }
  });
});

describe('a cell kept in a reader cache keeps nothing else', () => {
  it('does not hold on to the line it was cut from', () => {
    // A cell is cut from its row's line; kept as it is, a cache key would keep the whole
    // line alive (a 20 KB line for a 20-character key here). 2,000 such lines are 40 MB.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const read = cellReader(set.facts.get('event_costs')!);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 2000; i++) {
      const cells = cellsOfLine(`${'x'.repeat(20000)},100000;200000;${300000 + i},${i}`)!;
      expect(read(cells[1]!)).toMatchObject({ ok: true });
    }
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(10 << 20);
  });
});

describe('DeferredFacts', () => {
  it('reads, iterates and copies like a Map, turning deferred figures into Decimals', () => {
    const slots = new FactSlots();
    for (const id of ['a', 'b', 'c']) slots.slotOf(id);
    const f = new DeferredFacts(slots);
    f.putAt(slots.slotOf('a'), 1234567890123);
    f.set('b', true);
    f.putAt(slots.slotOf('c'), new DecimalText('7'));
    expect(f.size).toBe(3);
    expect(f.has('a')).toBe(true);
    expect((f.get('c') as Decimal).equals(7)).toBe(true);
    const copy = new Map<string, FactValue>(f);
    expect([...copy.keys()]).toEqual(['a', 'b', 'c']);
    expect((copy.get('a') as Decimal).toFixed()).toBe('1234567890123');
    expect([...f.values()].map(String)).toEqual(['1234567890123', 'true', '7']);
    const seen: string[] = [];
    f.forEach((v, k) => seen.push(`${k}=${String(v)}`));
    expect(seen).toEqual(['a=1234567890123', 'b=true', 'c=7']);
    expect(f.get('missing')).toBeUndefined();
    expect(Object.prototype.toString.call(f)).toBe('[object Map]');
  });
});
