import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { allocate } from '../../src/engine/fiscal-split.js';
import { Decimal } from '../../src/money/decimal.js';
import { enterprise, ruleSetWith, run, yuan } from '../helpers/mini-rules.js';

describe('three-valued conditions: unknown is not zero', () => {
  const clause = {
    when: {
      all: [
        { fact: 'in_ecommerce_park', op: '==', value: true },
        { fact: 'online_sales', op: '>=', value: '100万' },
      ],
    },
    award: { kind: 'fixed', amount: '1万' },
  };
  it('a missing fact leaves the clause needing data, naming the fact, with the potential amount', () => {
    const r = run(clause, { in_ecommerce_park: true });
    expect(r.status).toBe('needs_data');
    expect(r.missing).toEqual(['online_sales']);
    expect(yuan(r)).toBe('10000.00');
  });
  it('a part that is certainly false decides, whatever the unknown', () => {
    expect(run(clause, { in_ecommerce_park: false }).status).toBe('not_eligible');
  });
  it('any: one true part is enough even if the other is unknown', () => {
    const anyClause = {
      when: {
        any: [
          { fact: 'park_land_area', op: '>', value: 20 },
          { fact: 'park_floor_area', op: '>', value: '3万' },
        ],
      },
      award: { kind: 'fixed', amount: '1万' },
    };
    expect(run(anyClause, { park_floor_area: '4万' }).status).toBe('eligible');
    expect(run(anyClause, { park_floor_area: '2万' }).missing).toEqual(['park_land_area']);
  });
  it('a missing beneficiary kind is asked for, a wrong one rules the clause out', () => {
    const c = { beneficiary: 'park_operator', award: { kind: 'fixed', amount: '1万' } };
    expect(run(c, {}).missing).toContain('entity_kinds');
    expect(run(c, { entity_kinds: ['电商企业'] }).status).toBe('not_eligible');
    expect(run(c, { entity_kinds: 'park_operator' }).status).toBe('eligible');
  });
});

describe('fiscal split adds up to the award to the fen', () => {
  it('75/25 of 100,000.01: the odd fen goes to the first level listed', () => {
    const parts = allocate(new Decimal('100000.01'), [
      { level: 'local', share: '75%' },
      { level: 'city', share: '25%' },
    ]);
    expect(parts.map((p) => p.amount.toFixed(2))).toEqual(['75000.01', '25000.00']);
  });
  it('thirds of 100.00 add up exactly', () => {
    const parts = allocate(new Decimal('100'), [
      { level: 'local', share: '0.3333333333' },
      { level: 'city', share: '0.3333333333' },
      { level: 'province', share: '0.3333333334' },
    ]);
    expect(parts.reduce((a, p) => a.plus(p.amount), new Decimal(0)).toFixed(2)).toBe('100.00');
  });
  it('the result carries the split and its source', () => {
    const r = run({ award: { kind: 'fixed', amount: '5万' } }, {});
    expect(r.split?.parts.map((p) => [p.level, p.amount.toFixed(2)])).toEqual([
      ['local', '37500.00'],
      ['city', '12500.00'],
    ]);
    expect(r.split?.source.kind).toBe('text');
  });
});

describe('stacking: 就高不重复', () => {
  it('keeps the larger award of a group and marks the other superseded, not hidden', () => {
    const set = ruleSetWith([
      { id: 'test/a', number: '1', title: 'a', quote: 'qqqq', status: 'computable', stacking_group: 'g', award: { kind: 'fixed', amount: '5万' } },
      { id: 'test/b', number: '2', title: 'b', quote: 'qqqq', status: 'computable', stacking_group: 'g', award: { kind: 'fixed', amount: '8万' } },
    ]);
    const [a, b] = evaluate(set, enterprise(set, {})).policies[0]!.clauses;
    expect(a!.status).toBe('superseded');
    expect(a!.supersededBy).toBe('test/b');
    expect(b!.status).toBe('eligible');
  });
});

describe('validity, region and exclusions', () => {
  const clauses = [{ id: 'test/a', number: '1', title: 'a', quote: 'qqqq', status: 'computable', award: { kind: 'fixed', amount: '1万' } }];
  it('a policy out of force is reported as such, not dropped', () => {
    const set = ruleSetWith(clauses, { validity: { from: '2022-03-23', to: '2023-12-31', partial_year: { rule: 'full', note: 'n' } } });
    const p = evaluate(set, enterprise(set, {}, {}, 2024)).policies[0]!;
    expect(p.applicability).toBe('not_in_force');
    const partial = evaluate(set, enterprise(set, {}, {}, 2022)).policies[0]!;
    expect(partial.applicability).toBe('applies');
    expect(partial.partialYear).toMatchObject({ from: '2022-03-23', to: '2022-12-31', days: 284, yearDays: 365, counted: true });
  });
  it('a region the policy does not cover is reported', () => {
    const set = ruleSetWith(clauses, { applies_to: ['331100-urban'] });
    expect(evaluate(set, enterprise(set, {})).policies[0]!.applicability).toBe('not_covered');
  });
  it('a document-level disqualifier excludes; an unknown one leaves the clause needing that fact', () => {
    const set = ruleSetWith(clauses, { exclusions: [{ id: 'x', clause: '15', quote: 'qqqq', when: { fact: 'listed_dishonest', op: '==', value: true } }] });
    expect(evaluate(set, enterprise(set, { listed_dishonest: '是' })).policies[0]!.clauses[0]!.status).toBe('excluded');
    const unknown = evaluate(set, enterprise(set, {})).policies[0]!.clauses[0]!;
    expect(unknown.status).toBe('needs_data');
    expect(unknown.missing).toEqual(['listed_dishonest']);
    // The disqualifier's facts come first: they decide before anything the clause itself needs.
    const set2 = ruleSetWith([{ ...clauses[0], when: { fact: 'online_sales', op: '>=', value: '1万' } }], {
      exclusions: [{ id: 'x', clause: '15', quote: 'qqqq', when: { fact: 'listed_dishonest', op: '==', value: true } }],
    });
    expect(evaluate(set2, enterprise(set2, {})).policies[0]!.clauses[0]!.missing).toEqual(['listed_dishonest', 'online_sales']);
    expect(evaluate(set, enterprise(set, { listed_dishonest: '否' })).policies[0]!.clauses[0]!.status).toBe('eligible');
  });
});
