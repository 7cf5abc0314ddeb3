import Table from 'cli-table3';
import { Chalk } from 'chalk';
import type { Enterprise, Evaluation } from '../../engine/types.js';
import type { Finding } from '../../errors/codes.js';
import { formatFinding } from '../../i18n/format-error.js';
import { catalogue, fill, type Lang } from '../../i18n/messages.js';
import { Decimal, formatYuan } from '../../money/decimal.js';
import type { Labels } from '../../render/labels.js';
import { docLabel, partialText } from '../../render/rows.js';
import { fitWidths, wrapColumns, wrapHanging, type Column } from '../../render/fit-columns.js';
import { displayWidth, wrapText } from '../../render/wrap-text.js';
import { drawTable } from '../../render/draw-table.js';
import type { Converted } from '../convert/row-to-record.js';
import type { Hint } from '../../advice/next-tier.js';
import { mergePortfolio, Portfolio, portfolioData, renderPortfolio, type PortfolioData } from './portfolio.js';
import { safeText } from '../../i18n/safe-text.js';
import type { ReadingUse } from '../../reading-effects/readings-in-play.js';

/** --range: the sure total and the awards that move, at their lowest and highest across the readings touching the row. */
export interface RowRange {
  low: Decimal;
  high: Decimal;
  clauses: Map<string, { low: Decimal; high: Decimal }>;
}

/** What became of one input row: an evaluation, or the reasons it could not be evaluated. `readings`: as they stood for the row (HTML sheets only). */
export type Outcome =
  | {
      kind: 'ok';
      row: number;
      line: number;
      ev: Evaluation;
      hints?: Hint[];
      range?: RowRange;
      readings?: ReadingUse[] /** The enterprise as evaluated (the .xlsx report re-evaluates it under other readings). */;
      ent?: Enterprise;
    }
  | { kind: 'error'; row: number; line: number; conv: Converted };

/** One line per enterprise for the terminal and the Markdown report: small, so the first N can be kept. */
export interface EnterpriseLine {
  row: number;
  id: string;
  name: string;
  region: string;
  year: string;
  sure?: Decimal;
  ceilings?: Decimal;
  /** What the needs-data clauses could pay if the data were supplied: never added to the sure amount. */
  pending?: Decimal;
  needsData?: number;
  /** Documents barred by a disqualifier, with the reason. */
  excluded: string;
  /** Documents not in force in the data year, or only partly. */
  validity: string;
  /** --range: the sure total at its lowest and highest across readings. */
  low?: Decimal;
  high?: Decimal;
  top: string;
  error?: boolean;
}

const TOP_ITEMS = 3;
const ERROR_CHARS = 120;

export function errorText(findings: Finding[], lang: Lang): string {
  // The row and line are in their own columns: the message needs only the field and the reason,
  // and in a workbook the cell (B7), which is how Excel finds it.
  return findings
    .map((f) =>
      formatFinding(
        f.sheet !== undefined ? { ...f, file: undefined, row: undefined } : { ...f, file: undefined, line: undefined, column: undefined, row: undefined },
        lang,
      ),
    )
    .join('; ');
}

export function enterpriseLine(o: Outcome, l: Labels): EnterpriseLine {
  if (o.kind === 'error') {
    const c = o.conv;
    return {
      row: o.row,
      id: c.id ?? '',
      name: c.name ?? '',
      region: c.region ?? '',
      year: c.year ?? '',
      excluded: '',
      validity: '',
      top: errorText(c.findings, l.lang),
      error: true,
    };
  }
  const { enterprise: e, totals: t } = o.ev;
  const paid = o.ev.policies.flatMap((p) => p.clauses.filter((c) => (c.status === 'eligible' || c.status === 'ceiling') && c.amount));
  paid.sort((a, b) => b.amount!.comparedTo(a.amount!));
  const top = paid.slice(0, TOP_ITEMS).map((c) => `${l.clause(c.clauseId)} ${formatYuan(c.amount!)}`);
  if (paid.length > TOP_ITEMS) top.push(`+${paid.length - TOP_ITEMS}`);
  const sep = l.lang === 'zh' ? '；' : '; ';
  const excluded = o.ev.policies
    .filter((p) => p.exclusion)
    .map((p) => `${docLabel(p, l.lang)}: ${p.exclusion!.quote}（${p.exclusion!.clause}）`)
    .join(sep);
  const validity = o.ev.policies
    .filter((p) => p.partialYear || p.applicability === 'not_in_force')
    .map((p) => `${docLabel(p, l.lang)}: ${p.partialYear ? partialText(p.partialYear, e.year, l.lang) : catalogue(l.lang).words.notInForce}`)
    .join(sep);
  return {
    row: o.row,
    id: e.id ?? '',
    name: e.name ?? '',
    region: l.region(e.region),
    year: String(e.year),
    sure: t.sure,
    ceilings: t.ceilings,
    pending: t.pendingPotential,
    needsData: t.needsData,
    excluded,
    validity,
    top: top.join(sep),
    low: o.range?.low,
    high: o.range?.high,
  };
}

/** Totals over the whole batch, added to row by row: nothing per row is kept. */
export class BatchTotals {
  rows = 0;
  evaluated = 0;
  errors = 0;
  sure = new Decimal(0);
  ceilings = new Decimal(0);
  pending = new Decimal(0);
  needsData = 0;
  /** --range: sums of each row's lowest and highest sure total. */
  low = new Decimal(0);
  high = new Decimal(0);
  ranged = false;
  byLevel = new Map<string, Decimal>();
  readonly portfolio = new Portfolio();

  add(o: Outcome): void {
    this.rows++;
    if (o.kind === 'error') {
      this.errors++;
      return;
    }
    this.evaluated++;
    const t = o.ev.totals;
    // Most rows add nothing sure or capped: no new Decimal for them.
    if (!t.sure.isZero()) this.sure = this.sure.plus(t.sure);
    if (!t.ceilings.isZero()) this.ceilings = this.ceilings.plus(t.ceilings);
    if (!t.pendingPotential.isZero()) this.pending = this.pending.plus(t.pendingPotential);
    if (o.range) {
      this.ranged = true;
      this.low = this.low.plus(o.range.low);
      this.high = this.high.plus(o.range.high);
    }
    this.needsData += t.needsData;
    for (const [level, amount] of Object.entries(t.byLevel)) this.byLevel.set(level, (this.byLevel.get(level) ?? new Decimal(0)).plus(amount!));
    this.portfolio.add(o.ev, o.hints);
  }
}

/** BatchTotals as plain data (amounts as exact strings), to cross from a worker thread. */
export interface TotalsData {
  rows: number;
  evaluated: number;
  errors: number;
  sure: string;
  ceilings: string;
  pending: string;
  needsData: number;
  low: string;
  high: string;
  ranged: boolean;
  byLevel: [string, string][];
  portfolio: PortfolioData;
}

export function totalsData(t: BatchTotals): TotalsData {
  return {
    rows: t.rows,
    evaluated: t.evaluated,
    errors: t.errors,
    sure: t.sure.toFixed(),
    ceilings: t.ceilings.toFixed(),
    pending: t.pending.toFixed(),
    needsData: t.needsData,
    low: t.low.toFixed(),
    high: t.high.toFixed(),
    ranged: t.ranged,
    byLevel: [...t.byLevel].map(([k, v]) => [k, v.toFixed()]),
    portfolio: portfolioData(t.portfolio),
  };
}

/** Adds the totals of a later part of the batch; sums are exact, and keys keep the order they first occur in. */
export function mergeTotals(t: BatchTotals, d: TotalsData): void {
  t.rows += d.rows;
  t.evaluated += d.evaluated;
  t.errors += d.errors;
  t.sure = t.sure.plus(d.sure);
  t.ceilings = t.ceilings.plus(d.ceilings);
  t.pending = t.pending.plus(d.pending);
  t.needsData += d.needsData;
  t.low = t.low.plus(d.low);
  t.high = t.high.plus(d.high);
  t.ranged ||= d.ranged;
  for (const [level, amount] of d.byLevel) t.byLevel.set(level, (t.byLevel.get(level) ?? new Decimal(0)).plus(amount));
  mergePortfolio(t.portfolio, d.portfolio);
}

/** An EnterpriseLine as plain data. */
export type LineData = Omit<EnterpriseLine, 'sure' | 'ceilings' | 'pending' | 'low' | 'high'> & {
  sure?: string;
  ceilings?: string;
  pending?: string;
  low?: string;
  high?: string;
};

export const lineData = (l: EnterpriseLine): LineData => ({
  ...l,
  sure: l.sure?.toFixed(),
  ceilings: l.ceilings?.toFixed(),
  pending: l.pending?.toFixed(),
  low: l.low?.toFixed(),
  high: l.high?.toFixed(),
});

const dec = (s: string | undefined) => (s === undefined ? undefined : new Decimal(s));
export const lineOf = (d: LineData): EnterpriseLine => ({
  ...d,
  sure: dec(d.sure),
  ceilings: dec(d.ceilings),
  pending: dec(d.pending),
  low: dec(d.low),
  high: dec(d.high),
});

export function summaryHead(lang: Lang, range = false): string[] {
  const m = catalogue(lang);
  const w = m.words;
  return [
    w.batchRow!,
    w.id!,
    w.name!,
    w.region!,
    w.year!,
    w.sure!,
    w.ceilings!,
    w.pendingPotential!,
    w.pending!,
    w.excludedColumn!,
    w.validityColumn!,
    w.top!,
    ...(range ? [m.readings.lowColumn!, m.readings.highColumn!] : []),
  ];
}

/**
 * Columns of the summary that hold amounts (right-aligned; plain numbers in CSV;
 * numbers in 元 in the .xlsx report's 汇总 sheet), and those holding whole numbers
 * (row, year, count). A column added to summaryHead/summaryCells (say the low and
 * high of --range) is listed here to be shown and stored as an amount everywhere.
 */
export const SUMMARY_AMOUNTS = [5, 6, 7];
export const SUMMARY_WHOLE = [0, 4, 8];

export function summaryCells(l: EnterpriseLine, lang: Lang, money: (d: Decimal) => string = formatYuan, range = false): string[] {
  const amount = (d: Decimal | undefined) => (d ? money(d) : l.error ? '' : money(new Decimal(0)));
  // An error can list every allowed value; the full text is in the --out report.
  const top = l.error ? `${catalogue(lang).words.error}: ${l.top.length > ERROR_CHARS ? l.top.slice(0, ERROR_CHARS) + '…' : l.top}` : l.top;
  return [
    String(l.row),
    l.id,
    l.name,
    l.region,
    l.year,
    amount(l.sure),
    amount(l.ceilings),
    amount(l.pending),
    l.needsData === undefined ? '' : String(l.needsData),
    l.excluded,
    l.validity,
    top,
    ...(range ? [amount(l.low), amount(l.high)] : []),
  ].map(safeText);
}

export function totalsLines(t: BatchTotals, l: Labels): string[] {
  const m = catalogue(l.lang);
  const w = m.words;
  const byLevel = [...t.byLevel].map(([k, v]) => `${l.level(k)} ${formatYuan(v)}`).join(' / ');
  return [
    `${w.batchTotals}: ${w.enterprises} ${t.evaluated}, ${w.errorRows} ${t.errors}`,
    `${w.sure}: ${formatYuan(t.sure)}${byLevel ? `  (${byLevel})` : ''}`,
    `${w.ceilings}: ${formatYuan(t.ceilings)}`,
    `${w.pending}: ${t.needsData}${t.pending.greaterThan(0) ? `  (${w.pendingPotential}: ${formatYuan(t.pending)})` : ''}`,
    ...(t.ranged ? [fill(m.readings.portfolioRange!, { low: formatYuan(t.low), high: formatYuan(t.high) })] : []),
  ];
}

/** The terminal summary: the first enterprises (at most --limit), then the totals. `width`: fit a terminal (see renderTable); `range`: the low and high columns of --range. */
export function renderSummary(lines: EnterpriseLine[], totals: BatchTotals, opts: { labels: Labels; color: boolean; width?: number; range?: boolean }): string {
  const lang = opts.labels.lang;
  const w = catalogue(lang).words;
  const out: string[] = [];
  if (lines.length)
    out.push(opts.width === undefined ? fullTable(lines, lang, opts.color, opts.range) : fittedSummary(lines, lang, opts.color, opts.width, opts.range));
  const fit = (line: string) => (opts.width === undefined ? [line] : wrapText(line, opts.width).split('\n'));
  if (totals.rows > lines.length) out.push(...fit(fill(w.batchShown!, { shown: lines.length, total: totals.rows })));
  out.push(...totalsLines(totals, opts.labels).flatMap(fit), '', renderPortfolio(totals.portfolio, opts.labels, false, opts.width));
  return out.join('\n');
}

function fullTable(lines: EnterpriseLine[], lang: Lang, color: boolean, range = false): string {
  const table = new Table({
    head: summaryHead(lang, range),
    style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] },
    wordWrap: true,
    colWidths: [null, null, 24, null, null, null, null, null, null, 24, 24, 40, ...(range ? [null, null] : [])],
  });
  for (const l of lines) table.push(summaryCells(l, lang, undefined, range).map((c, i) => (isAmount(i) ? { content: c, hAlign: 'right' as const } : c)));
  return table.toString();
}

/** The amount columns, and --range's low and high columns after the top items. */
const isAmount = (i: number) => SUMMARY_AMOUNTS.includes(i) || i > 11;

/** Free-text columns of the summary (name, id, region, exclusions, validity, top items) and their share of a narrow terminal. */
const SUMMARY_WRAP: Record<number, { weight: number; min: number; full: number }> = {
  1: { weight: 8, min: 6, full: 0 },
  2: { weight: 14, min: 8, full: 0 },
  3: { weight: 6, min: 6, full: 0 },
  9: { weight: 10, min: 8, full: 0 },
  10: { weight: 10, min: 8, full: 0 },
  11: { weight: 24, min: 12, full: 0 },
};

/** A table that fits the terminal, or one card per enterprise where none fits. */
function fittedSummary(lines: EnterpriseLine[], lang: Lang, color: boolean, width: number, range = false): string {
  const head = summaryHead(lang, range);
  const cells = lines.map((l) => summaryCells(l, lang, undefined, range));
  const columns: Column[] = head.map((h, i) => ({ head: h, cells: cells.map((c) => c[i]!), wrap: SUMMARY_WRAP[i], right: isAmount(i) }));
  const widths = fitWidths(columns, width);
  if (widths) {
    const { head: wrappedHead, rows } = wrapColumns(columns, widths);
    const paint = new Chalk({ level: color ? 1 : 0 });
    const colour = color ? { border: paint.gray, headText: paint.cyan } : {};
    return drawTable({ head: wrappedHead, rows, right: columns.map((c) => c.right ?? false), ...colour });
  }
  const colon = lang === 'zh' ? '：' : ': ';
  const out: string[] = [];
  for (const c of cells) {
    const mark = `${c[0]}. `;
    const indent = displayWidth(mark);
    out.push('', ...wrapHanging([c[2], c[1], c[3], c[4]].filter(Boolean).join(' · '), width, indent, mark));
    for (let i = 5; i < head.length; i++)
      if (c[i]) for (const line of wrapHanging(`${head[i]}${colon}${c[i]}`, width - indent, 0)) out.push(' '.repeat(indent) + line);
  }
  return out.join('\n') + '\n';
}
