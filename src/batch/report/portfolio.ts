import type { Hint } from '../../advice/next-tier.js';
import type { Evaluation } from '../../engine/types.js';
import { catalogue, fill } from '../../i18n/messages.js';
import type { Labels } from '../../render/labels.js';
import { displayWidth } from '../../render/wrap-text.js';
import { wrapHanging } from '../../render/fit-columns.js';
import { Decimal, formatYuan } from '../../money/decimal.js';
import { safeText } from '../../i18n/safe-text.js';

/** A hint counts as "nearly reached" when the figure needs at most this much more, relative to its value. */
const NEAR = new Decimal('0.2');
const BAR = 30;
const TOP = 12;

interface Tally {
  title: string;
  amount: Decimal;
  count: number;
}

/**
 * Portfolio view over a batch: sure amounts per document and per clause, and how
 * often a clause was nearly reached. Keyed by document and clause, so its size
 * is bounded by the rule set, not by the number of rows.
 */
export class Portfolio {
  readonly byPolicy = new Map<string, Tally & { ceilings: Decimal }>();
  readonly byClause = new Map<string, Tally>();
  readonly nearly = new Map<string, Tally>();

  add(ev: Evaluation, hints: Hint[] = []): void {
    for (const p of ev.policies) {
      const doc = this.byPolicy.get(p.policyId) ?? {
        title: p.docNumber ?? p.shortTitle ?? p.title,
        amount: new Decimal(0),
        ceilings: new Decimal(0),
        count: 0,
      };
      let touched = false;
      for (const c of p.clauses) {
        if (!c.amount) continue;
        if (c.status === 'eligible') {
          doc.amount = doc.amount.plus(c.amount);
          const t = this.byClause.get(c.clauseId) ?? { title: c.title, amount: new Decimal(0), count: 0 };
          t.amount = t.amount.plus(c.amount);
          t.count++;
          this.byClause.set(c.clauseId, t);
          touched = true;
        } else if (c.status === 'ceiling') {
          doc.ceilings = doc.ceilings.plus(c.amount);
          touched = true;
        }
      }
      if (touched) doc.count++;
      this.byPolicy.set(p.policyId, doc);
    }
    for (const h of hints) {
      if (h.current.isZero() || h.increase.div(h.current).greaterThan(NEAR)) continue;
      const t = this.nearly.get(h.clauseId) ?? { title: h.title, amount: new Decimal(0), count: 0 };
      t.amount = t.amount.plus(h.gain);
      t.count++;
      this.nearly.set(h.clauseId, t);
    }
  }
}

/** A Portfolio as plain data (amounts as exact strings), to cross from a worker thread. */
export interface PortfolioData {
  byPolicy: [string, { title: string; amount: string; ceilings: string; count: number }][];
  byClause: [string, { title: string; amount: string; count: number }][];
  nearly: [string, { title: string; amount: string; count: number }][];
}

export function portfolioData(p: Portfolio): PortfolioData {
  const tally = (t: Tally) => ({ title: t.title, amount: t.amount.toFixed(), count: t.count });
  return {
    byPolicy: [...p.byPolicy].map(([k, t]) => [k, { ...tally(t), ceilings: t.ceilings.toFixed() }]),
    byClause: [...p.byClause].map(([k, t]) => [k, tally(t)]),
    nearly: [...p.nearly].map(([k, t]) => [k, tally(t)]),
  };
}

/**
 * Adds the tallies of a later part of the batch. Keys new to `p` are appended,
 * so every map keeps the order in which keys first occur in the input, as if the
 * rows had been added one by one (ties in the near-miss list keep that order).
 */
export function mergePortfolio(p: Portfolio, d: PortfolioData): void {
  const add = <T extends Tally>(m: Map<string, T>, k: string, t: { title: string; amount: string; count: number }, more?: (into: T) => void) => {
    const into = m.get(k) ?? ({ title: t.title, amount: new Decimal(0), count: 0 } as T);
    into.amount = into.amount.plus(t.amount);
    into.count += t.count;
    more?.(into);
    m.set(k, into);
  };
  for (const [k, t] of d.byPolicy)
    add(p.byPolicy as Map<string, Tally & { ceilings: Decimal }>, k, t, (into) => (into.ceilings = (into.ceilings ?? new Decimal(0)).plus(t.ceilings)));
  for (const [k, t] of d.byClause) add(p.byClause, k, t);
  for (const [k, t] of d.nearly) add(p.nearly, k, t);
}

function bar(value: Decimal, max: Decimal, length = BAR): string {
  const n = max.isZero() ? 0 : value.div(max).times(length).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  return '█'.repeat(Math.max(n, value.isZero() ? 0 : 1));
}

/**
 * The portfolio as plain text (terminal) or Markdown: documents, a bar chart by clause, and the near misses.
 * `width` (a terminal): lines wrapped to it, and each bar under its clause's name instead of beside it.
 */
export function renderPortfolio(p: Portfolio, l: Labels, markdown = false, width?: number): string {
  const a = catalogue(l.lang).advice;
  const h = (s: string) => (markdown ? `### ${s}` : s);
  const li = (s: string) => (markdown ? `- ${s}` : `  ${s}`);
  const out: string[] = [h(a.portfolioPolicies!)];
  for (const [id, t] of [...p.byPolicy].sort((x, y) => y[1].amount.comparedTo(x[1].amount) || x[0].localeCompare(y[0])))
    out.push(
      li(
        fill(a.portfolioPolicy!, {
          title: l.ids ? `${t.title}〔${id}〕` : t.title,
          sure: formatYuan(t.amount),
          ceilings: formatYuan(t.ceilings),
          count: t.count,
        }),
      ),
    );
  const clauses = [...p.byClause].sort((x, y) => y[1].amount.comparedTo(x[1].amount) || x[0].localeCompare(y[0])).slice(0, TOP);
  out.push('', h(a.portfolioChart!));
  if (!clauses.length) out.push(li(a.none!));
  const max = clauses[0]?.[1].amount ?? new Decimal(0);
  const names = clauses.map(([id]) => l.clause(id));
  const nameWidth = Math.max(0, ...names.map(displayWidth));
  if (width === undefined) {
    const chart = clauses.map(
      ([, t], i) => `${names[i]}${' '.repeat(nameWidth - displayWidth(names[i]!))} ${bar(t.amount, max).padEnd(BAR)} ${formatYuan(t.amount)} (${t.count})`,
    );
    out.push(...(markdown && chart.length ? ['```', ...chart, '```'] : chart.map(li)));
  } else
    clauses.forEach(([, t], i) => {
      const tail = ` ${formatYuan(t.amount)} (${t.count})`;
      const room = Math.max(1, Math.min(BAR, width - 4 - displayWidth(tail)));
      out.push(li(names[i]!), `    ${bar(t.amount, max, room)}${tail}`);
    });
  out.push('', h(a.portfolioNearly!));
  const near = [...p.nearly].sort((x, y) => y[1].count - x[1].count || y[1].amount.comparedTo(x[1].amount)).slice(0, TOP);
  if (!near.length) out.push(li(a.portfolioNoHints!));
  for (const [id, t] of near) out.push(li(fill(a.portfolioNear!, { clause: l.clause(id), count: t.count, gain: formatYuan(t.amount) })));
  // Wrapped lines keep their item's indent.
  const lines =
    width === undefined
      ? out
      : out.flatMap((line) =>
          line ? wrapHanging(line.trimStart(), width, line.length - line.trimStart().length, line.slice(0, line.length - line.trimStart().length)) : [''],
        );
  return safeText(lines.join('\n')) + '\n';
}
