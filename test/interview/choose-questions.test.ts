import { describe, expect, it } from 'vitest';
import { enterprise, shippedRules } from '../helpers/mini-rules.js';
import { evaluateState, nextQuestion, openQuestions, type InterviewState } from '../../src/interview/choose-questions.js';
import { awardBound } from '../../src/rules/award-bound.js';
import { filterRegions, regionChoices } from '../../src/interview/region-choices.js';
import { ClauseSchema } from '../../src/schema/policy-schema.js';

const set = shippedRules();
const LANXI = '330781';

function state(facts: Record<string, unknown> = {}, skipped: string[] = []): InterviewState {
  return { region: LANXI, year: 2023, facts: enterprise(set, facts).facts, skipped: new Set(skipped) };
}
const ids = (s: InterviewState) => openQuestions(set, s).map((q) => q.fact.id);
const SELLER = { entity_kinds: ['电商企业', '跨境电商企业'] };

describe('choosing questions from the engine', () => {
  it('asks entity_kinds first, and only facts some open clause lists as missing', () => {
    const s = state();
    const qs = openQuestions(set, s);
    expect(qs[0]!.fact.id).toBe('entity_kinds');
    const missing = new Set(evaluateState(set, s).policies.flatMap((p) => p.clauses.filter((c) => c.status === 'needs_data').flatMap((c) => c.missing)));
    expect(new Set(qs.map((q) => q.fact.id))).toEqual(missing);
    // Far fewer than the dictionary even before any answer: only Lanxi's facts.
    expect(qs.length).toBeLessThan(set.facts.size / 3);
  });

  it('after entity kinds, drops facts only other beneficiaries need', () => {
    const before = ids(state());
    expect(before).toEqual(expect.arrayContaining(['livestream_sales_for_local', 'service_income', 'platform_investment']));
    const after = ids(state(SELLER));
    expect(after).not.toContain('entity_kinds');
    for (const gone of ['livestream_sales_for_local', 'service_income', 'platform_investment', 'platform_sales', 'park_sales'])
      expect(after).not.toContain(gone);
    expect(after).toContain('cbec_b2c_sales_usd');
  });

  it('a cross-border figure of 0 removes its follow-ups (the clause becomes not eligible)', () => {
    const open = ids(state(SELLER));
    expect(open).toEqual(expect.arrayContaining(['uses_public_overseas_warehouse', 'overseas_storage_cost']));
    const zero = state({ ...SELLER, overseas_warehouse_product_sales_usd: 0 });
    const after = ids(zero);
    expect(after).not.toContain('uses_public_overseas_warehouse');
    expect(after).not.toContain('overseas_storage_cost');
    const c11b = evaluateState(set, zero)
      .policies.flatMap((p) => p.clauses)
      .find((c) => c.clauseId === 'lanxi-2022/11b');
    expect(c11b?.status).toBe('not_eligible');
  });

  it('orders by topic after entity_kinds, and within a topic by money at stake', () => {
    const TOPICS = ['identity', 'eligibility', 'sales', 'cross_border', 'premises', 'investment', 'costs', 'honours', 'operations', 'logistics', 'people'];
    const qs = openQuestions(set, state(SELLER));
    for (let i = 1; i < qs.length; i++) {
      const [a, b] = [qs[i - 1]!, qs[i]!];
      const ta = TOPICS.indexOf(a.fact.topic);
      const tb = TOPICS.indexOf(b.fact.topic);
      expect(ta).toBeLessThanOrEqual(tb);
      if (ta === tb) expect(a.weight.greaterThanOrEqualTo(b.weight)).toBe(true);
    }
    // 11a (公共海外仓建设, up to 50万) outranks 8 (B2C tiers, up to 20万) within cross_border.
    const cb = qs.filter((q) => q.fact.topic === 'cross_border').map((q) => q.fact.id);
    expect(cb.indexOf('overseas_warehouse_public')).toBeLessThan(cb.indexOf('cbec_b2c_sales_usd'));
  });

  it('a document-level disqualifier answered yes ends the questions for that policy', () => {
    expect(nextQuestion(set, state({ ...SELLER, listed_dishonest: '否' }))).toBeDefined();
    expect(nextQuestion(set, state({ ...SELLER, listed_dishonest: '是' }))).toBeUndefined();
  });

  it('a skipped fact is not asked again', () => {
    expect(ids(state(SELLER))).toContain('cbec_b2c_sales_usd');
    expect(ids(state(SELLER, ['cbec_b2c_sales_usd']))).not.toContain('cbec_b2c_sales_usd');
  });

  it('a region no policy covers asks nothing', () => {
    expect(nextQuestion(set, { ...state(), region: '331121' })).toBeUndefined();
  });
});

describe('award bounds used for ordering', () => {
  const clause = (award: unknown, caps?: unknown) =>
    ClauseSchema.parse({ id: 't/1', number: '1', title: 't', quote: 'test quote', status: 'computable', award, ...(caps ? { caps } : {}) });
  it('tiers: the top tier, unless a cap is lower', () => {
    const tiers = {
      kind: 'tiers',
      mode: 'highest',
      base: { fact: 'online_sales' },
      tiers: [
        { at: '50万', amount: '5万' },
        { at: '100万', amount: '10万' },
      ],
    };
    expect(awardBound(clause(tiers))?.toFixed()).toBe('100000');
    expect(awardBound(clause(tiers, [{ amount: '8万', per: 'year' }]))?.toFixed()).toBe('80000');
  });
  it('an uncapped rate has no bound; a capped one is bounded by the cap', () => {
    const rate = { kind: 'rate', rate: '20%', base: { fact: 'platform_investment' } };
    expect(awardBound(clause(rate))).toBeUndefined();
    expect(awardBound(clause(rate, [{ amount: '30万', per: 'item' }]))?.toFixed()).toBe('300000');
  });
  it('sum and max combine their parts', () => {
    const fixed = (a: string) => ({ kind: 'fixed', amount: a });
    expect(awardBound(clause({ kind: 'sum', parts: [fixed('1万'), fixed('2万')] }))?.toFixed()).toBe('30000');
    expect(awardBound(clause({ kind: 'max', parts: [fixed('1万'), fixed('2万')] }))?.toFixed()).toBe('20000');
  });
});

describe('region choices', () => {
  const choices = regionChoices(set, 'zh');
  const codes = choices.map((c) => c.value);
  it('offers covered places and every district or county, by Chinese name with code', () => {
    expect(choices.find((c) => c.value === LANXI)?.name).toBe('兰溪市 (330781)');
    expect(codes).toEqual(expect.arrayContaining(['330100', '331122', '331100-urban', '331121']));
    // A province or a city no policy covers as a whole is not a place to claim in.
    expect(codes).not.toContain('330000');
    expect(codes).not.toContain('330700');
  });
  it('filters by name, code or English name', () => {
    expect(filterRegions(choices, '兰溪').map((c) => c.value)).toEqual([LANXI]);
    // A code prefix finds exactly the places whose codes contain it (Lanxi among them), however many there are.
    expect(filterRegions(choices, '3307').map((c) => c.value)).toEqual(codes.filter((c) => c.includes('3307')));
    expect(filterRegions(choices, '3307').map((c) => c.value)).toContain(LANXI);
    expect(filterRegions(regionChoices(set, 'en'), 'lanxi').map((c) => c.value)).toEqual([LANXI]);
    expect(filterRegions(choices, '')).toHaveLength(choices.length);
  });
});
