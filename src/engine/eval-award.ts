import { cmp, Decimal, dmin } from '../money/decimal.js';
import type { AwardCtx, AwardNum } from './award-ctx.js';
import type { Award, RentPart } from '../schema/policy-schema.js';
import { evalCondition } from './eval-condition.js';
import { evalEach } from './eval-each.js';
import { evalExpr, type Num } from './eval-expr.js';
import { receivedNothing } from './history.js';
import { literal, literalAs } from '../model/rule-literal.js';
import type { Term } from './types.js';

export type { AwardCtx, AwardNum } from './award-ctx.js';

const ZERO = new Decimal(0);
type Ok = Extract<Num, { ok: true }>;
/** A result whose term is only built when a trace will show it. */
const okIn = (ctx: AwardCtx, value: Decimal, term: () => Term): Ok => (ctx.trace ? { ok: true, value, term: term() } : { ok: true, value });
const lit = (raw: number | string): Term => ({ k: 'n', v: literal(raw), as: literalAs(raw) });
const op = (o: '+' | '−' | '×' | '÷', ...args: Term[]): Term => ({ k: 'op', op: o, args });

/** Evaluates an award formula before caps, exactly (no rounding here). */
export function evalAward(a: Award, ctx: AwardCtx): AwardNum {
  switch (a.kind) {
    case 'fixed':
      return okIn(ctx, literal(a.amount), () => lit(a.amount));
    case 'rate': {
      const base = evalExpr(a.base, ctx.facts, ctx.trace);
      if (!base.ok) return base;
      return okIn(ctx, literal(a.rate).times(base.value), () => op('×', lit(a.rate), base.term!));
    }
    case 'tiers':
      return evalTiers(a, ctx);
    case 'levels':
      return evalLevels(a, ctx);
    case 'per_unit': {
      const n = evalExpr(a.count, ctx.facts, ctx.trace);
      if (!n.ok) return n;
      return okIn(ctx, n.value.times(literal(a.amount)), () => op('×', n.term!, lit(a.amount)));
    }
    case 'per_step': {
      const base = evalExpr(a.base, ctx.facts, ctx.trace);
      if (!base.ok) return base;
      const steps = Decimal.max(base.value, 0).div(literal(a.step)).floor();
      // A fall counts as no growth: the formula shows the max(…, 0) only when it changed something.
      const counted = (): Term =>
        base.value.isNegative() ? { k: 'fn', fn: 'max', args: [base.term!, { k: 'n', v: new Decimal(0), as: 'plain' }] } : base.term!;
      return okIn(ctx, steps.times(literal(a.amount)), () => op('×', { k: 'fn', fn: 'floor', args: [op('÷', counted(), lit(a.step))] }, lit(a.amount)));
    }
    case 'rent':
      return sumOf(
        ctx,
        a.parts.map((p) => evalRentPart(p, ctx)),
      );
    case 'per_item':
      return evalPerItem(a, ctx);
    case 'each':
      return evalEach(a, ctx, evalAward);
    case 'sum':
      return sumOf(
        ctx,
        a.parts.map((p) => evalAward(p, ctx)),
      );
    case 'max': {
      const parts = a.parts.map((p) => evalAward(p, ctx));
      const failed = failure(parts);
      if (failed) return failed;
      const oks = parts as Ok[];
      const best = oks.reduce((m, p) => (p.value.greaterThan(m.value) ? p : m));
      return okIn(ctx, best.value, () => ({ k: 'fn', fn: 'max', args: oks.map((p) => p.term!) }));
    }
    case 'cases': {
      const missing: string[] = [];
      for (const c of a.cases) {
        const r = evalCondition(c.when, ctx.facts, ctx.trace);
        if (r.result === true) return missing.length ? { ok: false, missing } : evalAward(c.award, ctx);
        if (r.result === 'unknown') missing.push(...r.missing);
      }
      if (missing.length) return { ok: false, missing: [...new Set(missing)] };
      return a.otherwise ? evalAward(a.otherwise, ctx) : okIn(ctx, ZERO, () => ({ k: 'none', why: 'no_case' }));
    }
  }
}

/** The missing facts and history fields of parts that could not be computed, or undefined when all could. */
function failure(parts: AwardNum[]): AwardNum | undefined {
  const bad = parts.filter((p) => !p.ok) as Exclude<AwardNum, { ok: true }>[];
  if (!bad.length) return undefined;
  const missing = [...new Set(bad.flatMap((p) => p.missing))];
  const needsHistory = [...new Set(bad.flatMap((p) => ('needsHistory' in p ? p.needsHistory : [])))];
  return needsHistory.length ? { ok: false, missing, needsHistory } : { ok: false, missing };
}

function sumOf(ctx: AwardCtx, parts: AwardNum[]): AwardNum {
  const failed = failure(parts);
  if (failed) return failed;
  const oks = parts as Ok[];
  if (oks.length === 1) return oks[0]!;
  return okIn(
    ctx,
    oks.reduce((s, p) => s.plus(p.value), ZERO),
    () => op('+', ...oks.map((p) => p.term!)),
  );
}

function evalPerItem(a: Extract<Award, { kind: 'per_item' }>, ctx: AwardCtx): AwardNum {
  const got = ctx.facts.raw(a.items, ctx.trace);
  if (!got.ok) return got;
  const items = (got.value as Decimal[]) ?? [];
  const rate = literal(a.rate);
  const cap = a.cap_each !== undefined ? literal(a.cap_each) : undefined;
  const parts = items.map((x): Ok => {
    const v = rate.times(x);
    const term = (): Term => op('×', lit(a.rate), { k: 'n', v: x, as: 'plain' });
    return cap ? okIn(ctx, dmin(v, cap), () => ({ k: 'fn', fn: 'min', args: [term(), lit(a.cap_each!)] })) : okIn(ctx, v, term);
  });
  return parts.length ? sumOf(ctx, parts) : okIn(ctx, ZERO, () => ({ k: 'none', why: 'no_items' }));
}

function evalRentPart(p: RentPart, ctx: AwardCtx): AwardNum {
  const area = evalExpr(p.area, ctx.facts, ctx.trace);
  const months = evalExpr(p.months, ctx.facts, ctx.trace);
  const rent = p.rent !== undefined ? evalExpr(p.rent, ctx.facts, ctx.trace) : undefined;
  const missing = [area, months, rent].flatMap((x) => (x && !x.ok ? x.missing : []));
  if (missing.length) return { ok: false, missing };
  const a = area as Ok;
  const m = months as Ok;
  const ceiling = literal(p.ceiling_per_m2_month).times(a.value).times(m.value);
  const ceilingTerm = () => op('×', lit(p.ceiling_per_m2_month), a.term!, m.term!);
  if (!rent?.ok) return okIn(ctx, ceiling, () => ({ k: 'part', label: p.label, term: ceilingTerm() }));
  const share = literal(p.rate!).times(rent.value);
  return okIn(ctx, dmin(share, ceiling), () => ({
    k: 'part',
    label: p.label,
    term: { k: 'fn', fn: 'min', args: [op('×', lit(p.rate!), rent.term!), ceilingTerm()] },
  }));
}

type Tier = { at: Decimal; amount: Decimal };
const sortedTiers = new WeakMap<object, Tier[]>();

/** A tiers award's thresholds read and put in ascending order once, not on every evaluation. */
function tiersOf(a: Extract<Award, { kind: 'tiers' }>): Tier[] {
  let ts = sortedTiers.get(a);
  if (!ts) sortedTiers.set(a, (ts = a.tiers.map((t) => ({ at: literal(t.at), amount: literal(t.amount) })).sort((x, y) => cmp(x.at, y.at))));
  return ts;
}

function evalTiers(a: Extract<Award, { kind: 'tiers' }>, ctx: AwardCtx): AwardNum {
  const base = evalExpr(a.base, ctx.facts, ctx.trace);
  if (!base.ok) return base;
  const tiers = tiersOf(a);
  // The highest threshold reached (a tie between equal thresholds goes to the later one, as a stable sort left it).
  let top: Tier | undefined;
  for (const t of tiers) {
    const c = cmp(base.value, t.at);
    if (a.strict ? c > 0 : c >= 0) top = t;
  }
  const term = (amount: Decimal, paidUpTo?: Decimal): Term => ({
    k: 'tier',
    base: base.term!,
    strict: Boolean(a.strict),
    at: top?.at,
    amount,
    lowest: tiers[0]!.at,
    paidUpTo,
  });
  if (!top) return okIn(ctx, ZERO, () => term(ZERO));
  if (a.mode !== 'first_reached') return okIn(ctx, top.amount, () => term(top!.amount));
  let before: Decimal | undefined;
  if (ctx.history) {
    before = ctx.history.highest_tier;
    // A history entry that says something was awarded but not up to which tier cannot be read as "none".
    if (!before && !receivedNothing(ctx.history)) return { ok: false, missing: [], needsHistory: ['highest_tier'] };
    if (before && top.at.lessThanOrEqualTo(before)) {
      ctx.trace?.push({ kind: 'history', note: 'tier_already_paid', args: { tier: top.at.toFixed(), before: before.toFixed() } });
      return okIn(ctx, ZERO, () => term(ZERO, before));
    }
    if (before) ctx.trace?.push({ kind: 'history', note: 'tiers_before', args: { before: before.toFixed() } });
  }
  if (a.pays !== 'sum_new') return okIn(ctx, top.amount, () => term(top!.amount));
  // Every tier newly reached pays once: those above the one awarded before, up to the highest reached.
  const fresh = tiers.filter((t) => (!before || t.at.greaterThan(before)) && t.at.lessThanOrEqualTo(top!.at));
  const sum = fresh.reduce((acc, t) => acc.plus(t.amount), ZERO);
  return okIn(ctx, sum, () => ({
    k: 'tierSum',
    base: base.term!,
    strict: Boolean(a.strict),
    reached: fresh.map((t) => ({ at: t.at, amount: t.amount })),
    sum,
  }));
}

function evalLevels(a: Extract<Award, { kind: 'levels' }>, ctx: AwardCtx): AwardNum {
  const got = ctx.facts.raw(a.fact, ctx.trace);
  if (!got.ok) return got;
  const level = String(got.value);
  const amountOf = (l: string | undefined) => (l && Object.hasOwn(a.amounts, l) ? literal(a.amounts[l]!) : ZERO);
  const now = amountOf(level);
  const term = (amount: Decimal, before?: string): Term => ({
    k: 'level',
    fact: a.fact,
    level,
    full: now,
    amount,
    mode: a.mode,
    before: before ? { level: before, amount: amountOf(before) } : undefined,
  });
  if (a.mode === 'highest' || !ctx.history) return okIn(ctx, now, () => term(now));
  const before = ctx.history.level;
  if (!before) return receivedNothing(ctx.history) ? okIn(ctx, now, () => term(now)) : { ok: false, missing: [], needsHistory: ['level'] };
  if (a.mode === 'first_reached') {
    // Each level is paid once, in full: a higher level than the one awarded before pays its whole amount.
    const rank = (l: string) => ctx.facts.fact(a.fact)?.values?.find((v) => v.id === l)?.rank ?? amountOf(l).toNumber();
    const higher = rank(level) > rank(before);
    ctx.trace?.push({ kind: 'history', note: 'level_before', args: { level: before, fact: a.fact } });
    return okIn(ctx, higher ? now : ZERO, () => term(higher ? now : ZERO, before));
  }
  const diff = Decimal.max(now.minus(amountOf(before)), 0);
  ctx.trace?.push({ kind: 'history', note: 'upgrade_from', args: { level: before, fact: a.fact, amount: amountOf(before).toFixed() } });
  return okIn(ctx, diff, () => term(diff, before));
}
