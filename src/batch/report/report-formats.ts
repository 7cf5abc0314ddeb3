import type { ClauseResult, PolicyResult, SplitSource } from '../../engine/types.js';
import { catalogue, fill } from '../../i18n/messages.js';
import type { Decimal } from '../../money/decimal.js';
import { csvCell, csvLine } from '../../render/render-csv.js';
import type { Labels } from '../../render/labels.js';
import { amountKind, clauseNote, docLabel, partialText } from '../../render/rows.js';
import { clauseJson, partialYearsJson, SCHEMA_VERSION, totalsJson } from '../../render/to-json.js';
import {
  enterpriseLine,
  errorText,
  SUMMARY_AMOUNTS,
  summaryCells,
  summaryHead,
  totalsLines,
  type BatchTotals,
  type Outcome,
  type RowRange,
} from './batch-report.js';
import { renderPortfolio } from './portfolio.js';
import { safeJson, safeText } from '../../i18n/safe-text.js';
import type { Hint } from '../../advice/next-tier.js';

export type ReportFormat = 'csv' | 'jsonl' | 'md';
export const REPORT_FORMATS: ReportFormat[] = ['csv', 'jsonl', 'md'];

/** Turns outcomes into report text, a piece at a time: nothing is kept between rows. */
export interface ReportRenderer {
  begin(): string;
  row(o: Outcome): string;
  end(totals: BatchTotals): string;
}

/** Results worth a line of the report; not eligible and information-only clauses are left out. */
const LISTED = new Set(['eligible', 'ceiling', 'needs_data', 'superseded', 'excluded']);
const LEVELS = ['province', 'city', 'local'] as const;
const money = (d: Decimal | undefined) => (d === undefined ? '' : d.toFixed(2));

export interface ReportOptions {
  /** --range: the lowest and highest award across readings, per clause (CSV), per enterprise (Markdown, summary). */
  range?: boolean;
}

export function reportRenderer(format: ReportFormat, l: Labels, o: ReportOptions = {}): ReportRenderer {
  if (format === 'jsonl') return jsonlRenderer(l);
  if (format === 'md') return markdownRenderer(l, o);
  return csvRenderer(l, o);
}

/** A hint as one cell, in words: which figure, how much more, what it adds. */
export function hintText(h: Hint, l: Labels): string {
  const fact = l.set.facts.get(h.fact);
  const unit = fact?.unit && fact.unit !== '%' ? ` ${fact.unit}` : '';
  return fill(catalogue(l.lang).words.hintText!, { label: l.fact(h.fact), increase: h.increase.toFixed(), unit, gain: h.gain.toFixed(2) });
}

function shareSource(s: SplitSource, l: Labels): string {
  if (s.kind === 'regime_file') return s.file;
  if (s.kind === 'unspecified') return catalogue(l.lang).words.perRegime!;
  const p = l.set.policies.find((lp) => lp.policy.id === s.policy)?.policy;
  return `${p ? (p.doc_number ?? p.short_title ?? p.title) : s.policy} ${s.clause ?? ''}`.trim();
}

/** The CSV report's header: one column per kind of amount, the level columns split the sure amount. */
export function csvHead(l: Labels, o: ReportOptions = {}): string[] {
  const m = catalogue(l.lang);
  const w = m.words;
  return [
    w.batchRow!,
    w.batchLine!,
    w.id!,
    w.name!,
    w.regionCode!,
    w.region!,
    w.year!,
    w.document!,
    ...(l.ids ? [w.clauseId!] : []),
    w.clause!,
    w.title!,
    w.status!,
    m.amountColumn.sure!,
    m.amountColumn.ceiling!,
    m.amountColumn.potential!,
    m.amountColumn.setAside!,
    ...LEVELS.map((lv) => l.level(lv)),
    w.shareSource!,
    w.note!,
    w.partialColumn!,
    w.nextHint!,
    ...(o.range ? [m.readings.lowColumn!, m.readings.highColumn!] : []),
  ];
}

/**
 * One line per enterprise × listed clause, plus a line for a document barred as a
 * whole, one for an error row and one for an enterprise with nothing to list.
 * Amounts are plain numbers, each kind in its own column, so =SUM() over the sure
 * column is the sure total; text cells go through csvCell, which neutralises formulas.
 */
function csvRenderer(l: Labels, opt: ReportOptions): ReportRenderer {
  const m = catalogue(l.lang);
  const w = m.words;
  const head = csvHead(l, opt);
  const col = (name: string) => head.indexOf(name);
  // A line that is not a clause: the enterprise's cells, then only the named columns filled.
  const otherLine = (prefix: string, cells: [string, string][]) => {
    const rest = Array<string>(head.length - 7).fill('');
    for (const [name, value] of cells) rest[col(name) - 7] = value;
    return `${prefix},${rest.map(csvCell).join(',')}\r\n`;
  };
  // The document, clause, number and title of a clause never change: quoted once.
  const clauseCells = new Map<string, string>();
  const clauseCellsOf = (p: PolicyResult, c: ClauseResult) => {
    let s = clauseCells.get(c.clauseId);
    if (s === undefined) {
      s = [docLabel(p, l.lang), ...(l.ids ? [c.clauseId] : []), c.part ? `${c.number} ${c.part}` : c.number, c.title].map(csvCell).join(',');
      clauseCells.set(c.clauseId, s);
    }
    return s;
  };
  // Cells that repeat across rows are quoted once: each status, and each split source.
  const statusCell = new Map<string, string>();
  const statusOf = (st: string) => {
    let s = statusCell.get(st);
    if (s === undefined) statusCell.set(st, (s = csvCell(m.status[st as keyof typeof m.status] ?? st)));
    return s;
  };
  const sourceCell = new WeakMap<SplitSource, string>();
  const sourceOf = (src: SplitSource) => {
    let s = sourceCell.get(src);
    if (s === undefined) sourceCell.set(src, (s = csvCell(shareSource(src, l))));
    return s;
  };
  const amountsOf = (c: ClauseResult) => {
    const kind = amountKind(c);
    const v = kind === 'potential' ? c.potential : c.amount;
    return `${kind === 'sure' ? money(v) : ''},${kind === 'ceiling' ? money(v) : ''},${kind === 'potential' ? money(v) : ''},${kind === 'setAside' ? money(v) : ''}`;
  };
  // The level columns hold each level's part of a sure amount; a ceiling's split is in its note.
  const sharesOf = (c: ClauseResult) => {
    const split = c.split;
    if (!split) return ',,,';
    let out = '';
    for (const level of LEVELS) out += (c.status === 'eligible' ? money(split.parts.find((x) => x.level === level)?.amount) : '') + ',';
    return out + sourceOf(split.source);
  };
  // Most lines are "needs data" with nothing but the list of missing facts, and the same lists
  // come back row after row: their note cell is kept by that list (up to a bound).
  const missingNotes = new Map<string, string>();
  // A note that says only why a clause pays nothing (an amount set aside by a disqualifier, say)
  // depends on the clause and the reason alone: kept by those.
  const reasonNotes = new Map<string, string>();
  const noteOf = (c: ClauseResult) => {
    if (c.missingHistory || c.supersededBy || c.split || c.instalments) return csvCell(clauseNote(c, l));
    let notes: Map<string, string>;
    let key: string;
    if (c.status !== 'needs_data' && c.reason) [notes, key] = [reasonNotes, `${c.clauseId}\n${c.reason.code}\n${c.reason.detail ?? ''}`];
    else if (c.status === 'needs_data' && !c.reason) [notes, key] = [missingNotes, c.missing.join(',')];
    else return csvCell(clauseNote(c, l));
    let s = notes.get(key);
    if (s === undefined) {
      s = csvCell(clauseNote(c, l));
      if (notes.size < 4096) notes.set(key, s);
    }
    return s;
  };
  // --range: a clause's award at its lowest and highest across readings (the same when no reading moves it).
  const rangeOf = (c: ClauseResult, r: RowRange | undefined) => {
    if (!opt.range) return '';
    const moved = r?.clauses.get(c.clauseId);
    const paid = c.status === 'eligible' || c.status === 'ceiling' ? money(c.amount) : '0.00';
    return `,${moved ? money(moved.low) : paid},${moved ? money(moved.high) : paid}`;
  };
  // The cells of a row's region (code and name), and the line of a document barred as a whole
  // after the enterprise's cells: the same on every row they occur in.
  const regionCells = new Map<string, string>();
  const regionOf = (code: string) => {
    let s = regionCells.get(code);
    if (s === undefined) regionCells.set(code, (s = `${csvCell(code)},${csvCell(l.region(code))}`));
    return s;
  };
  const barredLines = new Map<string, string>();
  const barredLine = (p: PolicyResult, exclusion: NonNullable<PolicyResult['exclusion']>) => {
    const key = `${p.policyId}\n${exclusion.id}`;
    let s = barredLines.get(key);
    if (s === undefined)
      barredLines.set(
        key,
        (s = otherLine('', [
          [w.document!, docLabel(p, l.lang)],
          [w.clause!, exclusion.clause],
          [w.title!, p.title],
          [w.status!, m.status.excluded],
          [w.note!, fill(m.reason.exclusion!, { detail: exclusion.quote })],
        ])),
      );
    return s;
  };
  /** Row, line, year: whole numbers, which csvCell would leave as they are unless negative. */
  const whole = (n: number) => (n >= 0 ? String(n) : csvCell(String(n)));
  const lineOf = (prefix: string, clause: string, c: ClauseResult, partial: string, hint: Hint | undefined, r: RowRange | undefined) =>
    `${prefix},${clause},${statusOf(c.status)},${amountsOf(c)},${sharesOf(c)},${noteOf(c)},${partial},${hint ? csvCell(hintText(hint, l)) : ''}${rangeOf(c, r)}\r\n`;
  return {
    begin: () => csvLine(head),
    row(o) {
      if (o.kind === 'error') {
        const c = o.conv;
        const lead = [String(o.row), String(o.line), c.id ?? '', c.name ?? '', '', c.region ?? '', c.year ?? ''].map(csvCell).join(',');
        return otherLine(lead, [
          [w.status!, w.error!],
          [w.note!, errorText(c.findings, l.lang)],
        ]);
      }
      const e = o.ev.enterprise;
      const prefix = `${whole(o.row)},${whole(o.line)},${csvCell(e.id ?? '')},${csvCell(e.name ?? '')},${regionOf(e.region)},${whole(e.year)}`;
      let out = '';
      const hints = o.hints?.length ? new Map(o.hints.map((h) => [h.clauseId, h])) : undefined;
      for (const p of o.ev.policies) {
        if (p.exclusion) out += prefix + barredLine(p, p.exclusion);
        const partial = p.partialYear ? csvCell(partialText(p.partialYear, e.year, l.lang)) : '';
        for (const c of p.clauses) {
          const hint = hints?.get(c.clauseId);
          if (p.exclusion && !c.amount) continue;
          if (LISTED.has(c.status) || hint || o.range?.clauses.has(c.clauseId)) out += lineOf(prefix, clauseCellsOf(p, c), c, partial, hint, o.range);
        }
      }
      if (out) return out;
      const applies = o.ev.policies.some((p) => p.applicability === 'applies');
      return otherLine(prefix, [
        [w.status!, w.nothing!],
        [w.note!, applies ? '' : w.noPolicy!],
      ]);
    },
    end: () => '',
  };
}

/** The trimmed evaluation JSON: calc's shapes, without traces and quotes, listed clauses only. */
function evaluationLine(o: Extract<Outcome, { kind: 'ok' }>): unknown {
  return {
    row: o.row,
    line: o.line,
    schemaVersion: SCHEMA_VERSION,
    enterprise: o.ev.enterprise,
    totals: totalsJson(o.ev.totals),
    partialYears: partialYearsJson(o.ev),
    hints: o.hints?.map((h) => ({ clause: h.clauseId, fact: h.fact, increase: h.increase.toFixed(), gain: h.gain.toFixed(2) })),
    range: o.range && {
      sure: { low: money(o.range.low), high: money(o.range.high) },
      clauses: Object.fromEntries([...o.range.clauses].map(([id, r]) => [id, { low: money(r.low), high: money(r.high) }])),
    },
    policies: o.ev.policies.map((p) => ({
      id: p.policyId,
      applicability: p.applicability,
      exclusion: p.exclusion,
      clauses: p.clauses
        .filter((c) => LISTED.has(c.status))
        .map((c) => {
          const { trace: _trace, quote: _quote, notes: _notes, ...rest } = clauseJson(c);
          return rest;
        }),
    })),
  };
}

function jsonlRenderer(l: Labels): ReportRenderer {
  return {
    begin: () => '',
    row(o) {
      if (o.kind === 'ok') return safeJson(JSON.stringify(evaluationLine(o))) + '\n';
      const c = o.conv;
      const errors = c.findings.map((f) => ({ code: f.code, field: f.field, column: f.column, message: errorText([f], l.lang) }));
      return (
        safeJson(JSON.stringify({ row: o.row, line: o.line, error: true, enterprise: { id: c.id, name: c.name, region: c.region, year: c.year }, errors })) +
        '\n'
      );
    },
    end: () => '',
  };
}

function markdownRenderer(l: Labels, opt: ReportOptions): ReportRenderer {
  const esc = (s: string) =>
    safeText(s)
      .replace(/\|/g, '\\|')
      .replace(/[\r\n]+/g, ' ');
  const head = summaryHead(l.lang, opt.range);
  return {
    begin: () => `| ${head.join(' | ')} |\n|${head.map((_, i) => (SUMMARY_AMOUNTS.includes(i) ? ' ---: ' : ' --- ')).join('|')}|\n`,
    row: (o) => `| ${summaryCells(enterpriseLine(o, l), l.lang, undefined, opt.range).map(esc).join(' | ')} |\n`,
    end: (totals) =>
      '\n' +
      totalsLines(totals, l)
        .map((t) => `- ${esc(t)}`)
        .join('\n') +
      '\n\n' +
      renderPortfolio(totals.portfolio, l, true),
  };
}

/** --summary: one line per enterprise (or error row), amounts as plain numbers, for a spreadsheet. */
export function summaryRenderer(l: Labels, opt: ReportOptions = {}): ReportRenderer {
  return {
    begin: () => csvLine(summaryHead(l.lang, opt.range)),
    row: (o) => csvLine(summaryCells(enterpriseLine(o, l), l.lang, (d) => d.toFixed(2), opt.range)),
    end: () => '',
  };
}
