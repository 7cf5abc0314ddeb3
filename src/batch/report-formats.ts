import type { ClauseResult, PolicyResult, SplitSource } from '../engine/types.js';
import { catalogue, type Lang } from '../i18n/messages.js';
import type { Decimal } from '../money/decimal.js';
import { csvCell, csvLine } from '../render/render-csv.js';
import { clauseNote, docLabel } from '../render/rows.js';
import { clauseJson, SCHEMA_VERSION } from '../render/to-json.js';
import { enterpriseLine, errorText, summaryCells, summaryHead, totalsLines, type BatchTotals, type Outcome } from './batch-report.js';
import { renderPortfolio } from './portfolio.js';
import { safeJson, safeText } from '../render/safe-text.js';
import type { Hint } from '../advice/next-tier.js';

/** A hint as one CSV cell: the figure, how much more, what it adds. */
const hintCell = (h: Hint | undefined) => (h ? `${h.fact} +${h.increase.toFixed()} → +${h.gain.toFixed(2)}` : '');

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

export function reportRenderer(format: ReportFormat, lang: Lang): ReportRenderer {
  if (format === 'jsonl') return jsonlRenderer(lang);
  if (format === 'md') return markdownRenderer(lang);
  return csvRenderer(lang);
}

function shareSource(s: SplitSource | undefined, lang: Lang): string {
  if (!s) return '';
  if (s.kind === 'text') return `${s.policy} ${s.clause ?? ''}`.trim();
  if (s.kind === 'regime_file') return s.file;
  return catalogue(lang).words.perRegime!;
}

/**
 * One line per enterprise × listed clause, plus one line for an error row and one
 * for an enterprise with nothing to list. Amounts are plain numbers (Excel sums
 * them); text cells go through csvCell, which neutralises formulas.
 */
function csvRenderer(lang: Lang): ReportRenderer {
  const m = catalogue(lang);
  const w = m.words;
  // The document, clause id, number and title of a clause never change: quoted once.
  const clauseCells = new Map<string, string>();
  const clauseCellsOf = (p: PolicyResult, c: ClauseResult) => {
    let s = clauseCells.get(c.clauseId);
    if (s === undefined) {
      s = [docLabel(p, lang), c.clauseId, c.part ? `${c.number} ${c.part}` : c.number, c.title].map(csvCell).join(',');
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
    if (s === undefined) sourceCell.set(src, (s = csvCell(shareSource(src, lang))));
    return s;
  };
  const sharesOf = (split: ClauseResult['split']) => {
    if (!split) return ',,,';
    const parts = split.parts;
    let out = '';
    for (const level of LEVELS) {
      // The first part of a level, as before (a split listing a level twice is not rejected at load).
      const part = parts.find((x) => x.level === level);
      out += money(part?.amount) + ',';
    }
    return out + sourceOf(split.source);
  };
  // Most lines are "needs data" with nothing but the list of missing facts, and the same lists
  // come back row after row: their note cell is kept by that list (up to a bound).
  const missingNotes = new Map<string, string>();
  const noteOf = (c: ClauseResult) => {
    if (c.status !== 'needs_data' || c.reason || c.supersededBy || c.split || c.instalments) return csvCell(clauseNote(c, lang));
    const key = c.missing.join(',');
    let s = missingNotes.get(key);
    if (s === undefined) {
      s = csvCell(clauseNote(c, lang));
      if (missingNotes.size < 4096) missingNotes.set(key, s);
    }
    return s;
  };
  const lineOf = (prefix: string, clause: string, c: ClauseResult, hint?: Hint) => {
    const amount = c.status === 'needs_data' ? '' : money(c.amount);
    return `${prefix},${clause},${statusOf(c.status)},${amount},${money(c.potential)},${sharesOf(c.split)},${noteOf(c)},${hint ? csvCell(hintCell(hint)) : ''}\r\n`;
  };
  return {
    begin: () =>
      csvLine([w.batchRow!, w.batchLine!, w.id!, w.name!, w.regionCode!, w.region!, w.year!, w.document!, w.clauseId!, w.clause!, w.title!, w.status!, w.award!, w.potential!, ...LEVELS.map((l) => m.level[l]!), w.shareSource!, w.note!, w.nextHint!]),
    row(o) {
      if (o.kind === 'error') {
        const c = o.conv;
        return csvLine([String(o.row), String(o.line), c.id ?? '', c.name ?? '', '', c.region ?? '', c.year ?? '', '', '', '', '', w.error!, '', '', '', '', '', '', errorText(c.findings, lang), '']);
      }
      const e = o.ev.enterprise;
      const prefix = [String(o.row), String(o.line), e.id ?? '', e.name ?? '', e.region, e.regionName, String(e.year)].map(csvCell).join(',');
      let out = '';
      const hints = o.hints?.length ? new Map(o.hints.map((h) => [h.clauseId, h])) : undefined;
      for (const p of o.ev.policies)
        for (const c of p.clauses) {
          const hint = hints?.get(c.clauseId);
          if (LISTED.has(c.status) || hint) out += lineOf(prefix, clauseCellsOf(p, c), c, hint);
        }
      if (out) return out;
      const applies = o.ev.policies.some((p) => p.applicability === 'applies');
      return `${prefix},,,,,${csvCell(w.nothing!)},,,,,,,${csvCell(applies ? '' : w.noPolicy!)},\r\n`;
    },
    end: () => '',
  };
}

/** The trimmed evaluation JSON: calc's shapes, without traces and quotes, listed clauses only. */
function evaluationLine(o: Extract<Outcome, { kind: 'ok' }>): unknown {
  const t = o.ev.totals;
  return {
    row: o.row,
    line: o.line,
    schemaVersion: SCHEMA_VERSION,
    enterprise: o.ev.enterprise,
    totals: {
      sure: money(t.sure),
      ceilings: money(t.ceilings),
      pendingPotential: money(t.pendingPotential),
      needsData: t.needsData,
      byLevel: Object.fromEntries(Object.entries(t.byLevel).map(([k, v]) => [k, money(v)])),
    },
    hints: o.hints?.map((h) => ({ clause: h.clauseId, fact: h.fact, increase: h.increase.toFixed(), gain: h.gain.toFixed(2) })),
    policies: o.ev.policies.map((p) => ({
      id: p.policyId,
      applicability: p.applicability,
      clauses: p.clauses.filter((c) => LISTED.has(c.status)).map((c) => {
        const { trace: _trace, quote: _quote, notes: _notes, ...rest } = clauseJson(c);
        return rest;
      }),
    })),
  };
}

function jsonlRenderer(lang: Lang): ReportRenderer {
  return {
    begin: () => '',
    row(o) {
      if (o.kind === 'ok') return safeJson(JSON.stringify(evaluationLine(o))) + '\n';
      const c = o.conv;
      const errors = c.findings.map((f) => ({ code: f.code, field: f.field, column: f.column, message: errorText([f], lang) }));
      return safeJson(JSON.stringify({ row: o.row, line: o.line, error: true, enterprise: { id: c.id, name: c.name, region: c.region, year: c.year }, errors })) + '\n';
    },
    end: () => '',
  };
}

function markdownRenderer(lang: Lang): ReportRenderer {
  const esc = (s: string) => safeText(s).replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
  const head = summaryHead(lang);
  return {
    begin: () => `| ${head.join(' | ')} |\n|${head.map((_, i) => (i >= 5 && i <= 7 ? ' ---: ' : ' --- ')).join('|')}|\n`,
    row: (o) => `| ${summaryCells(enterpriseLine(o, lang), lang).map(esc).join(' | ')} |\n`,
    end: (totals) => '\n' + totalsLines(totals, lang).map((l) => `- ${esc(l)}`).join('\n') + '\n\n' + renderPortfolio(totals.portfolio, lang, true),
  };
}
