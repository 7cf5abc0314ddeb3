import { cmp, Decimal, dmin, formatNumber, formatPercent } from '../money/decimal.js';
import type { Award, RentPart } from '../schema/policy-schema.js';
import { evalCondition } from './eval-condition.js';
import { evalExpr, type Num } from './eval-expr.js';
import type { FactsView } from './facts-view.js';
import { literal } from './literal.js';
import type { ClauseHistory, TraceStep } from './types.js';

export interface AwardCtx {
  facts: FactsView;
  history: ClauseHistory | undefined;
  /** Absent when no trace is kept: then formula texts are not built either. */
  trace: TraceStep[] | undefined;
}

const ZERO = new Decimal(0);
const fmt = (d: Decimal) => formatNumber(d.toDecimalPlaces(2));
/** A result whose text is only worded when a trace will show it. */
const okIn = (ctx: AwardCtx, value: Decimal, text: () => string): Num => ({ ok: true, value, text: ctx.trace ? text() : '' });

/** Evaluates an award formula before caps, exactly (no rounding here). */
export function evalAward(a: Award, ctx: AwardCtx): Num {
  switch (a.kind) {
    case 'fixed':
      return okIn(ctx, literal(a.amount), () => fmt(literal(a.amount)));
    case 'rate': {
      const base = evalExpr(a.base, ctx.facts, ctx.trace);
      if (!base.ok) return base;
      const rate = literal(a.rate);
      return okIn(ctx, rate.times(base.value), () => `${formatPercent(rate)} × ${base.text}`);
    }
    case 'tiers':
      return evalTiers(a, ctx);
    case 'levels':
      return evalLevels(a, ctx);
    case 'per_unit': {
      const n = evalExpr(a.count, ctx.facts, ctx.trace);
      if (!n.ok) return n;
      const each = literal(a.amount);
      return okIn(ctx, n.value.times(each), () => `${n.text} × ${fmt(each)}`);
    }
    case 'per_step': {
      const base = evalExpr(a.base, ctx.facts, ctx.trace);
      if (!base.ok) return base;
      const step = literal(a.step);
      const steps = Decimal.max(base.value, 0).div(step).floor();
      const each = literal(a.amount);
      return okIn(ctx, steps.times(each), () => `floor(${base.text} ÷ ${fmt(step)}) × ${fmt(each)} = ${steps.toFixed()} × ${fmt(each)}`);
    }
    case 'rent':
      return sumOf(ctx, a.parts.map((p) => evalRentPart(p, ctx)), ' + ');
    case 'per_item': {
      const got = ctx.facts.raw(a.items, ctx.trace);
      if (!got.ok) return got;
      const items = (got.value as Decimal[]) ?? [];
      const rate = literal(a.rate);
      const cap = a.cap_each !== undefined ? literal(a.cap_each) : undefined;
      const parts = items.map((x) => {
        const v = rate.times(x);
        return cap ? okIn(ctx, dmin(v, cap), () => `min(${formatPercent(rate)} × ${fmt(x)}, ${fmt(cap)})`) : okIn(ctx, v, () => `${formatPercent(rate)} × ${fmt(x)}`);
      });
      return parts.length ? sumOf(ctx, parts, ' + ') : okIn(ctx, ZERO, () => '0 (no items)');
    }
    case 'sum':
      return sumOf(ctx, a.parts.map((p) => evalAward(p, ctx)), ' + ');
    case 'max': {
      const parts = a.parts.map((p) => evalAward(p, ctx));
      const missing = parts.flatMap((p) => (p.ok ? [] : p.missing));
      if (missing.length) return { ok: false, missing: [...new Set(missing)] };
      const oks = parts as Extract<Num, { ok: true }>[];
      const best = oks.reduce((m, p) => (p.value.greaterThan(m.value) ? p : m));
      return okIn(ctx, best.value, () => `max(${oks.map((p) => p.text).join(', ')})`);
    }
    case 'cases': {
      const missing: string[] = [];
      for (const c of a.cases) {
        const r = evalCondition(c.when, ctx.facts, ctx.trace);
        if (r.result === true) return missing.length ? { ok: false, missing } : evalAward(c.award, ctx);
        if (r.result === 'unknown') missing.push(...r.missing);
      }
      if (missing.length) return { ok: false, missing: [...new Set(missing)] };
      return a.otherwise ? evalAward(a.otherwise, ctx) : okIn(ctx, ZERO, () => '0 (no case applies)');
    }
  }
}

function sumOf(ctx: AwardCtx, parts: Num[], sep: string): Num {
  const missing = parts.flatMap((p) => (p.ok ? [] : p.missing));
  if (missing.length) return { ok: false, missing: [...new Set(missing)] };
  const oks = parts as Extract<Num, { ok: true }>[];
  if (oks.length === 1) return oks[0]!;
  return okIn(ctx, oks.reduce((s, p) => s.plus(p.value), ZERO), () => oks.map((p) => p.text).join(sep));
}

function evalRentPart(p: RentPart, ctx: AwardCtx): Num {
  const area = evalExpr(p.area, ctx.facts, ctx.trace);
  const months = evalExpr(p.months, ctx.facts, ctx.trace);
  const rent = p.rent !== undefined ? evalExpr(p.rent, ctx.facts, ctx.trace) : undefined;
  const missing = [area, months, rent].flatMap((x) => (x && !x.ok ? x.missing : []));
  if (missing.length) return { ok: false, missing };
  const a = area as Extract<Num, { ok: true }>;
  const m = months as Extract<Num, { ok: true }>;
  const ceilingRate = literal(p.ceiling_per_m2_month);
  const ceiling = ceilingRate.times(a.value).times(m.value);
  const ceilingText = () => `${fmt(ceilingRate)} × ${a.text} × ${m.text}`;
  if (!rent || !rent.ok) return okIn(ctx, ceiling, () => `${p.label}: ${ceilingText()}`);
  const rate = literal(p.rate!);
  const share = rate.times(rent.value);
  return okIn(ctx, dmin(share, ceiling), () => `${p.label}: min(${formatPercent(rate)} × ${rent.text}, ${ceilingText()})`);
}

type Tier = { at: Decimal; amount: Decimal };
const sortedTiers = new WeakMap<object, Tier[]>();

/** A tiers award's thresholds read and put in ascending order once, not on every evaluation. */
function tiersOf(a: Extract<Award, { kind: 'tiers' }>): Tier[] {
  let ts = sortedTiers.get(a);
  if (!ts) sortedTiers.set(a, (ts = a.tiers.map((t) => ({ at: literal(t.at), amount: literal(t.amount) })).sort((x, y) => cmp(x.at, y.at))));
  return ts;
}

function evalTiers(a: Extract<Award, { kind: 'tiers' }>, ctx: AwardCtx): Num {
  const base = evalExpr(a.base, ctx.facts, ctx.trace);
  if (!base.ok) return base;
  // The highest threshold reached (a tie between equal thresholds goes to the later one, as a stable sort left it).
  let reached: Tier | undefined;
  for (const t of tiersOf(a)) {
    const c = cmp(base.value, t.at);
    if (a.strict ? c > 0 : c >= 0) reached = t;
  }
  const sign = a.strict ? '>' : '≥';
  const top = reached;
  if (!top) return okIn(ctx, ZERO, () => `${base.text} < ${fmt(literal(a.tiers[0]!.at))}: no tier reached`);
  if (a.mode === 'first_reached') {
    const before = ctx.history?.highest_tier;
    if (before && top.at.lessThanOrEqualTo(before)) {
      ctx.trace?.push({ kind: 'history', note: 'tier_already_paid', args: { tier: fmt(top.at), before: fmt(before) } });
      return okIn(ctx, ZERO, () => `${base.text} ${sign} ${fmt(top.at)}, already awarded up to ${fmt(before)}: 0`);
    }
    if (before) ctx.trace?.push({ kind: 'history', note: 'tiers_before', args: { before: fmt(before) } });
  }
  return okIn(ctx, top.amount, () => `${base.text} ${sign} ${fmt(top.at)} → ${fmt(top.amount)}`);
}

function evalLevels(a: Extract<Award, { kind: 'levels' }>, ctx: AwardCtx): Num {
  const got = ctx.facts.raw(a.fact, ctx.trace);
  if (!got.ok) return got;
  const level = String(got.value);
  const amountOf = (l: string | undefined) => (l && a.amounts[l] !== undefined ? literal(a.amounts[l]!) : ZERO);
  const now = amountOf(level);
  if (a.mode === 'first_reached' && ctx.history?.level) {
    // Each level is paid once, in full: a higher level than the one awarded before pays its whole amount.
    const rank = (l: string) => ctx.facts.fact(a.fact)?.values?.find((v) => v.id === l)?.rank ?? amountOf(l).toNumber();
    const higher = rank(level) > rank(ctx.history.level);
    ctx.trace?.push({ kind: 'history', note: 'level_before', args: { level: ctx.history.level } });
    return okIn(ctx, higher ? now : ZERO, () => `${level} → ${fmt(now)}${higher ? '' : ` (not above ${ctx.history!.level}: nothing)`}`);
  }
  if (a.mode === 'upgrade' && ctx.history?.level) {
    const before = amountOf(ctx.history.level);
    const diff = Decimal.max(now.minus(before), 0);
    ctx.trace?.push({ kind: 'history', note: 'upgrade_from', args: { level: ctx.history.level, amount: fmt(before) } });
    return okIn(ctx, diff, () => `${level} ${fmt(now)} − ${ctx.history!.level} ${fmt(before)} = ${fmt(diff)}${diff.isZero() ? ' (renewal or lower level: nothing)' : ''}`);
  }
  return okIn(ctx, now, () => `${level} → ${fmt(now)}`);
}
