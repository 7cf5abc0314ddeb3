import { parse } from 'csv-parse/sync';
import { missingDataReport } from '../../advice/missing-data.js';
import { catalogue, type Lang } from '../../i18n/messages.js';
import type { Labels } from '../../render/labels.js';
import { safeText } from '../../i18n/safe-text.js';
import { enterpriseLine, SUMMARY_AMOUNTS, SUMMARY_WHOLE, summaryCells, summaryHead, type Outcome } from './batch-report.js';
import { csvHead, reportRenderer, type ReportOptions, type ReportRenderer } from './report-formats.js';
import { readingsInPlay } from '../../reading-effects/readings-in-play.js';

/**
 * The .xlsx report's rows, as a ReportRenderer: each outcome becomes lines of a
 * spool (one JSON array per line, tagged with its sheet), which write-xlsx.ts
 * pours into the workbook at the end. So the report is rendered where the CSV
 * report is (on the main thread or in a batch worker), nothing per row is kept in
 * memory, and the sheets are written one after another, as a zip must be.
 *
 * The sheets reuse the other reports' logic rather than repeating it:
 * - 汇总 is the per-enterprise summary of batch-report.ts (summaryHead/summaryCells),
 *   the amount columns (SUMMARY_AMOUNTS) as numbers: a column added there (the
 *   low/high of --range) appears here with no change;
 * - 明细 is the CSV report's lines (report-formats.ts), read back into cells, with
 *   the row, line, amount and level columns as numbers;
 * - 待补资料 is missingDataReport per enterprise (the facts deciding its needs-data
 *   clauses, by template label, ranked by the money they could unlock).
 * With --range, 汇总 and 明细 have the low/high columns of the other reports, as amounts.
 * An 'R' line is not a sheet's row: it names the readings that changed this
 * enterprise's results (readingsInPlay), counted for the 说明 sheet (write-xlsx.ts).
 */
export type SheetTag = 'S' | 'D' | 'M';
export type LineTag = SheetTag | 'R';
export type SpoolCell = string | number | null;

/** The text Excel keeps in a cell at most. */
const CELL_CHARS = 32767;

export interface SheetSpec {
  tag: SheetTag;
  name: string;
  head: string[];
  /** Columns holding amounts in 元 (number format #,##0.00), and whole numbers. */
  money: number[];
  whole: number[];
}

export function sheetSpecs(l: Labels, o: ReportOptions = {}): SheetSpec[] {
  const w = catalogue(l.lang).words;
  const m = catalogue(l.lang).amountColumn;
  const r = catalogue(l.lang).readings;
  const detail = csvHead(l, o);
  const summary = summaryHead(l.lang, o.range);
  const at = (head: string[], names: (string | undefined)[]) => names.map((n) => head.indexOf(n!)).filter((i) => i >= 0);
  const range = o.range ? [r.lowColumn, r.highColumn] : [];
  return [
    { tag: 'S', name: w.xlsxSummary!, head: summary, money: [...SUMMARY_AMOUNTS, ...at(summary, range)], whole: SUMMARY_WHOLE },
    {
      tag: 'D',
      name: w.xlsxDetail!,
      head: detail,
      money: at(detail, [m.sure, m.ceiling, m.potential, m.setAside, ...(['province', 'city', 'local'] as const).map((lv) => l.level(lv)), ...range]),
      whole: at(detail, [w.batchRow, w.batchLine, w.year]),
    },
    { tag: 'M', name: w.xlsxMissing!, head: missingHead(l.lang), money: [5], whole: [0] },
  ];
}

export function missingHead(lang: Lang): string[] {
  const w = catalogue(lang).words;
  return [w.batchRow!, w.id!, w.name!, w.xlsxMissingFact!, w.xlsxMissingClauses!, w.xlsxMissingUpTo!, w.note!];
}

/** Text as a cell may hold it: controls escaped (they are not valid in XML), cut at Excel's limit. */
export function textCell(s: string): string {
  const t = safeText(s);
  return t.length > CELL_CHARS ? t.slice(0, CELL_CHARS - 1) + '…' : t;
}

/** Undoes the CSV report's guard against formulas: in a workbook a text cell is text, never a formula. */
const unguard = (s: string) => (s.length > 1 && s[0] === "'" && /[=+\-@\t\r]/.test(s[1]!) ? s.slice(1) : s);

export function typedCells(cells: string[], spec: SheetSpec, guarded: boolean): SpoolCell[] {
  return cells.map((c, i) => {
    if (c === '') return null;
    if ((spec.money.includes(i) || spec.whole.includes(i)) && /^-?\d+(\.\d+)?$/.test(c)) return Number(c);
    return textCell(guarded ? unguard(c) : c);
  });
}

const line = (tag: LineTag, cells: SpoolCell[]) => JSON.stringify([tag, ...cells]) + '\n';

/**
 * The 明细 rows from the spooled CSV text of each enterprise: joined into runs of
 * about 256 KiB, each parsed at once (a parser per enterprise cost more than the sheet).
 */
export function* detailRows(spooled: Iterable<SpoolCell[]>, spec: SheetSpec): Generator<SpoolCell[]> {
  let run = '';
  const flush = function* () {
    for (const r of parse(run, { relax_column_count: true }) as string[][]) yield typedCells(r, spec, true);
    run = '';
  };
  for (const [text] of spooled) {
    run += text as string;
    if (run.length > 1 << 18) yield* flush();
  }
  if (run) yield* flush();
}

export function xlsxRenderer(l: Labels, opt: ReportOptions = {}): ReportRenderer {
  const specs = sheetSpecs(l, opt);
  const [summary, , missing] = specs as [SheetSpec, SheetSpec, SheetSpec];
  const csv = reportRenderer('csv', l, opt);
  const w = catalogue(l.lang).words;
  const sep = l.lang === 'zh' ? '、' : ', ';
  return {
    begin: () => '',
    row(o: Outcome) {
      let out = line(
        'S',
        typedCells(
          summaryCells(enterpriseLine(o, l), l.lang, (d) => d.toFixed(2), opt.range),
          summary,
          false,
        ),
      );
      // The CSV lines as they are: read back into cells in large runs when the sheet is written (detailRows).
      out += line('D', [csv.row(o)]);
      if (o.kind === 'ok') {
        const e = o.ev.enterprise;
        for (const f of missingDataReport(l.set, o.ev, l)) {
          const clauses = f.clauses.map((c) => l.clause(c)).join(sep);
          out += line(
            'M',
            typedCells(
              [String(o.row), e.id ?? '', e.name ?? '', f.label, clauses, f.unbounded ? '' : f.upTo.toFixed(2), f.unbounded ? w.xlsxUnbounded! : ''],
              missing,
              false,
            ),
          );
        }
        // Each other option of a nearby reading is evaluated once more: exact, and only for this report.
        const decided =
          l.set.readings.length && o.ent
            ? readingsInPlay(l.set, o.ent, o.ev)
                .filter((u) => u.decided)
                .map((u) => u.id)
            : [];
        if (decided.length) out += line('R', decided);
      }
      return out;
    },
    end: () => '',
  };
}
