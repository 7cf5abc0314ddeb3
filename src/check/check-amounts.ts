import type { Finding, Position } from '../errors/codes.js';
import { parseAmount, parseDate } from '../money/parse-amount.js';
import { Decimal } from '../money/decimal.js';
import { coerceFactValue } from '../input/coerce-value.js';
import type { Fact } from '../schema/fact-schema.js';
import { fieldFact } from '../model/record-value.js';
import type { Award, Clause, NumExpr, Policy } from '../schema/policy-schema.js';
import type { Path } from '../rules/walk.js';
import { boundedBelow, describeUnit, leastAward, nonNegative, unitOf } from './expression-bounds.js';

/** Where a finding goes: the rule file's locator. */
export type Locate = (path: Path) => Position;

/** A share list as written in a policy or a regime file. */
export type Shares = { level: string; share: number | string }[];

/** No text pays in more instalments than this; a larger count is a slip (1e8 would exhaust memory). */
export const MAX_INSTALMENTS = 60;

const ONE = new Decimal(1);
const shown = (raw: number | string) => String(raw);

/**
 * Checks of the numbers in a policy that the schema cannot see: amounts paid are
 * positive yuan, rates are percentages up to 100% (unless marked), steps are positive,
 * shares add up, tiers rise, caps are not below what a clause always pays, dates are
 * real and in order, instalments are bounded, and no award base can go below zero.
 */
export function checkAmounts(policy: Policy, facts: ReadonlyMap<string, Fact>, at: Locate): Finding[] {
  const out: Finding[] = [];
  const c = new Checker(facts, at, out);
  c.validity(policy.validity);
  policy.fiscal.rules.forEach((r, i) => checkShares(r.shares, ['fiscal', 'rules', i, 'shares'], at, out));
  if (policy.fiscal.otherwise !== 'current_regime') checkShares(policy.fiscal.otherwise.shares, ['fiscal', 'otherwise', 'shares'], at, out);
  policy.clauses.forEach((cl, i) => c.clause(cl, ['clauses', i]));
  policy.shared_caps?.forEach((sc, i) => c.sharedCap(sc, policy, ['shared_caps', i]));
  return out;
}

/** Shares of one split: percentages above zero, each level once, adding up to exactly 100%. */
export function checkShares(shares: Shares, path: Path, at: Locate, out: Finding[]): void {
  let sum = new Decimal(0);
  let readable = true;
  const seen = new Set<string>();
  shares.forEach((s, i) => {
    const p = [...path, i, 'share'];
    if (seen.has(s.level)) out.push({ code: 'RULE_LEVEL_TWICE', args: { level: s.level }, ...at([...path, i, 'level']) });
    seen.add(s.level);
    const v = typeof s.share === 'string' ? parseAmount(s.share) : undefined;
    if (!v?.percent) {
      out.push({ code: 'RULE_RATE_PERCENT', args: { value: shown(s.share) }, ...at(p) });
      readable = false;
      return;
    }
    if (v.value.lte(0)) out.push({ code: 'RULE_NOT_POSITIVE', args: { value: shown(s.share) }, ...at(p) });
    sum = sum.plus(v.value);
  });
  if (readable && !sum.equals(ONE)) out.push({ code: 'RULE_SHARES_SUM', args: { sum: `${sum.times(100).toFixed()}%` }, ...at(path) });
}

/** A date as a policy writes it: YYYY-MM-DD, or a bare year (drafts with the day left blank). */
export function dayOf(raw: string, end: boolean): string | undefined {
  if (/^\d{4}$/.test(raw)) return end ? `${raw}-12-31` : `${raw}-01-01`;
  return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? parseDate(raw) : undefined;
}

class Checker {
  constructor(
    private readonly facts: ReadonlyMap<string, Fact>,
    private readonly at: Locate,
    private readonly out: Finding[],
    /** Inside an each award: the item's fields, read as facts of their types. */
    private readonly fields?: ReadonlyMap<string, Fact>,
  ) {}

  private push(code: Finding['code'], args: Finding['args'], path: Path): void {
    this.out.push({ code, args, ...this.at(path) });
  }

  validity(v: Policy['validity']): void {
    const from = dayOf(v.from, false);
    const to = v.to === null ? null : dayOf(v.to, true);
    if (!from) this.push('RULE_BAD_DATE', { detail: v.from }, ['validity', 'from']);
    if (to === undefined) this.push('RULE_BAD_DATE', { detail: String(v.to) }, ['validity', 'to']);
    if (from && to && to < from) this.push('RULE_DATE_ORDER', { from: v.from, to: String(v.to) }, ['validity', 'to']);
  }

  clause(c: Clause, path: Path): void {
    if (c.award) this.award(c.award, [...path, 'award'], boundedBelow(c.when));
    const least = c.award ? leastAward(c.award, this.facts) : undefined;
    c.caps?.forEach((cap, i) => {
      const v = this.money(cap.amount, [...path, 'caps', i, 'amount']);
      if (v && least && v.lessThan(least))
        this.push('RULE_CAP_BELOW_AWARD', { cap: shown(cap.amount), award: least.toFixed() }, [...path, 'caps', i, 'amount']);
    });
    if (c.instalments && c.instalments.count > MAX_INSTALMENTS)
      this.push('RULE_INSTALMENTS', { count: c.instalments.count, max: MAX_INSTALMENTS }, [...path, 'instalments', 'count']);
    if (c.pool) this.money(c.pool.amount, [...path, 'pool', 'amount']);
    if (c.fiscal) checkShares(c.fiscal.shares, [...path, 'fiscal', 'shares'], this.at, this.out);
  }

  /** A cap shared by clauses: positive yuan, and not below what one of them always pays. */
  sharedCap(sc: NonNullable<Policy['shared_caps']>[number], policy: Policy, path: Path): void {
    const v = this.money(sc.amount, [...path, 'amount']);
    for (const id of sc.clauses) {
      const c = policy.clauses.find((x) => x.id === id);
      const least = c?.award ? leastAward(c.award, this.facts) : undefined;
      if (v && least && v.lessThan(least)) return this.push('RULE_CAP_BELOW_AWARD', { cap: shown(sc.amount), award: least.toFixed() }, [...path, 'amount']);
    }
  }

  /** `bounded`: facts the conditions in force here hold at zero or more (the award is computed only then). */
  award(a: Award, path: Path, bounded: ReadonlySet<string>): void {
    switch (a.kind) {
      case 'fixed':
        this.money(a.amount, [...path, 'amount']);
        return;
      case 'rate':
        this.rate(a.rate, a.rate_over_100, [...path, 'rate']);
        this.base(a.base, [...path, 'base'], bounded);
        return;
      case 'tiers':
        return this.tiers(a, path);
      case 'levels':
        for (const [k, v] of Object.entries(a.amounts)) this.money(v, [...path, 'amounts', k]);
        return;
      case 'per_unit':
        this.money(a.amount, [...path, 'amount']);
        this.base(a.count, [...path, 'count'], bounded);
        return;
      case 'per_step':
        this.money(a.amount, [...path, 'amount']);
        this.threshold(a.base, a.step, [...path, 'step'], true);
        return;
      case 'rent':
        a.parts.forEach((p, i) => {
          const pp = [...path, 'parts', i];
          if (p.rate !== undefined) this.rate(p.rate, p.rate_over_100, [...pp, 'rate']);
          this.money(p.ceiling_per_m2_month, [...pp, 'ceiling_per_m2_month']);
          if (p.rent !== undefined) this.base(p.rent, [...pp, 'rent'], bounded);
          this.base(p.area, [...pp, 'area'], bounded);
          this.base(p.months, [...pp, 'months'], bounded);
        });
        return;
      case 'per_item': {
        const fact = this.facts.get(a.items);
        if (fact && fact.type !== 'money_list') this.push('RULE_NOT_A_LIST', { fact: a.items }, [...path, 'items']);
        this.rate(a.rate, a.rate_over_100, [...path, 'rate']);
        if (a.cap_each !== undefined) this.money(a.cap_each, [...path, 'cap_each']);
        return;
      }
      case 'sum':
      case 'max':
        a.parts.forEach((p, i) => this.award(p, [...path, 'parts', i], bounded));
        return;
      case 'cases':
        a.cases.forEach((c, i) => this.award(c.award, [...path, 'cases', i, 'award'], new Set([...bounded, ...boundedBelow(c.when)])));
        if (a.otherwise) this.award(a.otherwise, [...path, 'otherwise'], bounded);
        return;
      case 'each':
        return this.each(a, path, bounded);
    }
  }

  /** An award per record: the items are a record list, and the award of one item is checked with its fields as facts. */
  private each(a: Extract<Award, { kind: 'each' }>, path: Path, bounded: ReadonlySet<string>): void {
    const list = this.facts.get(a.items);
    if (list && list.type !== 'record_list') this.push('RULE_NOT_RECORDS', { fact: a.items }, [...path, 'items']);
    const fields = new Map((list?.fields ?? []).map((f) => [f.id, fieldFact(list!, f)]));
    const inner = new Checker(this.facts, this.at, this.out, fields);
    inner.award(a.award, [...path, 'award'], new Set([...bounded, ...boundedBelow(a.when)]));
    if (a.cap_each === undefined) return;
    const cap = this.money(a.cap_each, [...path, 'cap_each']);
    const least = leastAward(a.award, this.facts);
    if (cap && least && cap.lessThan(least)) this.push('RULE_CAP_BELOW_AWARD', { cap: shown(a.cap_each), award: least.toFixed() }, [...path, 'cap_each']);
  }

  private tiers(a: Extract<Award, { kind: 'tiers' }>, path: Path): void {
    let prev: { at?: Decimal; amount?: Decimal; raw: { at: number | string; amount: number | string } } | undefined;
    a.tiers.forEach((t, i) => {
      const p = [...path, 'tiers', i];
      const at = this.threshold(a.base, t.at, [...p, 'at'], false);
      const amount = this.money(t.amount, [...p, 'amount']);
      if (prev?.at && at && !at.greaterThan(prev.at)) this.push('RULE_TIER_ORDER', { at: shown(t.at), previous: shown(prev.raw.at) }, [...p, 'at']);
      if (prev?.amount && amount?.lessThan(prev.amount))
        this.push('RULE_TIER_AMOUNT', { amount: shown(t.amount), previous: shown(prev.raw.amount) }, [...p, 'amount']);
      prev = { at, amount, raw: t };
    });
  }

  /** An amount the clause pays (or caps at): positive yuan. */
  private money(raw: number | string, path: Path): Decimal | undefined {
    const v = typeof raw === 'number' ? { value: new Decimal(raw), percent: false, currency: undefined } : parseAmount(raw);
    if (!v) return undefined; // unreadable: the schema said so already
    if (v.percent) return void this.push('RULE_AMOUNT_PERCENT', { value: shown(raw) }, path);
    if (v.currency === 'USD') return void this.push('RULE_AMOUNT_CURRENCY', { value: shown(raw) }, path);
    if (v.value.lte(0)) return void this.push('RULE_NOT_POSITIVE', { value: shown(raw) }, path);
    return v.value;
  }

  private rate(raw: number | string, over100: string | undefined, path: Path): void {
    const v = typeof raw === 'string' ? parseAmount(raw) : undefined;
    if (!v?.percent) return this.push('RULE_RATE_PERCENT', { value: shown(raw) }, path);
    if (v.value.lte(0)) return this.push('RULE_NOT_POSITIVE', { value: shown(raw) }, path);
    if (v.value.greaterThan(ONE) && !over100) this.push('RULE_RATE_OVER_100', { value: shown(raw) }, path);
  }

  /**
   * A tier threshold or a step, in the unit of the figure it is compared with: when
   * that is one fact, it must read as a value of the fact (currency, percentage, range).
   */
  private threshold(base: NumExpr, raw: number | string, path: Path, positive: boolean): Decimal | undefined {
    const v = typeof raw === 'number' ? new Decimal(raw) : parseAmount(raw)?.value;
    if (!v) return undefined;
    if (positive ? v.lte(0) : v.lt(0)) return void this.push('RULE_NOT_POSITIVE', { value: shown(raw) }, path);
    const fact =
      typeof base === 'object' && 'fact' in base
        ? this.facts.get(base.fact)
        : typeof base === 'object' && 'field' in base
          ? this.fields?.get(base.field)
          : undefined;
    if (fact) {
      const r = coerceFactValue(positive ? { ...fact, range: undefined } : fact, raw);
      if (!r.ok)
        return void this.out.push({ code: r.code === 'WRONG_CURRENCY' ? 'RULE_CURRENCY' : 'RULE_INVALID', args: { detail: r.detail }, ...this.at(path) });
    }
    return v;
  }

  /** A figure an award multiplies: never below zero, never in dollars (the award is paid in yuan). */
  private base(e: NumExpr, path: Path, bounded: ReadonlySet<string>): void {
    if (!nonNegative(e, this.facts, bounded, this.fields)) this.push('RULE_MAY_BE_NEGATIVE', {}, path);
    else if (unitOf(e, this.facts, this.fields) === 'usd') this.push('RULE_AMOUNT_CURRENCY', { value: describeUnit(e) }, path);
  }
}
