import type { Finding, Position } from '../../errors/codes.js';
import type { Enterprise } from '../../engine/types.js';
import { isBlank } from '../../input/coerce-value.js';
import type { FactValue } from '../../model/fact-value.js';
import { excelError } from '../../input/excel-errors.js';
import { factIndex, toEnterprise, type Locate } from '../../input/to-enterprise.js';
import type { RuleSet } from '../../model/rule-set.js';
import type { Column } from './map-headers.js';
import { cellReader, type CellReader } from './read-cells.js';
import { DecimalText, DeferredFacts, FactSlots } from './defer-facts.js';
import type { HistoryBook } from '../read/read-history.js';
import type { SourceRow } from '../read/source-row.js';
import { cellText } from '../read/xlsx/cell-text.js';
import { sheetPlace } from '../../i18n/format-error.js';

/** A row made ready for the engine, or the reasons it cannot be evaluated. */
export interface Converted {
  enterprise?: Enterprise;
  findings: Finding[];
  /** As written, so that an error row still says whose row it was. */
  id?: string;
  name?: string;
  region?: string;
  year?: string;
}

type Raw = Record<string, unknown>;
type HistoryInput = Record<string, Record<string, unknown>>;

export interface ConvertOptions {
  file: string;
  /** A workbook's sheet: findings name its cells (clients.xlsx!Sheet1 B7). */
  sheet?: string;
  /** The workbook counts dates from 1904. */
  date1904?: boolean;
  region?: string;
  year?: number;
  history?: HistoryBook;
}

/**
 * Turns CSV cells or a YAML/JSON record into the engine's Enterprise. Facts go
 * through coerceFactValue (the parser calc uses); id, name, region, year and
 * history go through toEnterprise, so a row means exactly what the same record
 * means to `subsidy calc`.
 */
export class RowConverter {
  private readonly index: Map<string, string>;
  /** One reader per fact column (a column's cells all hold the same fact). */
  private readonly readers: (CellReader | undefined)[];
  /** Each fact column's slot in a row's DeferredFacts. */
  private readonly slots = new FactSlots();
  private readonly slotOf: number[];
  readonly historyIdsUsed = new Set<string>();

  constructor(
    private readonly set: RuleSet,
    private readonly columns: Column[],
    private readonly opts: ConvertOptions,
  ) {
    this.index = factIndex(set);
    this.readers = columns.map((c) => (c.kind === 'fact' ? cellReader(c.fact) : undefined));
    this.slotOf = columns.map((c) => (c.kind === 'fact' ? this.slots.slotOf(c.fact.id) : -1));
  }

  fromRow(src: SourceRow): Converted {
    const c = this.convert(src);
    const sheet = this.opts.sheet;
    if (sheet !== undefined) c.findings = c.findings.map((f) => (f.file === this.opts.file && f.sheet === undefined ? { ...f, sheet } : f));
    return c;
  }

  private convert(src: SourceRow): Converted {
    if (src.typed) return this.fromTyped(src);
    if (src.problem) return { findings: [{ ...src.problem, row: src.row, line: src.problem.line ?? src.line }], ...this.named(src.cells) };
    if (src.cells) return this.fromCells(src.cells, src.row, src.line);
    return this.fromRecord(src.record, src.locate!, src.row);
  }

  /** A place in the input as a message shows it: file:line:column, or a workbook's cell. */
  private place(line: number, column: number): string {
    const { file, sheet } = this.opts;
    return sheet !== undefined ? sheetPlace({ file, sheet, line, column }) : `${file}:${line}:${column}`;
  }

  /**
   * A workbook row: each typed cell read as its column's text (cell-text.ts), then
   * the same path as a CSV row. A cell that cannot be read is an error naming it;
   * the rest of the row is still checked, so one report lists all its problems.
   */
  private fromTyped(src: SourceRow): Converted {
    const { file } = this.opts;
    const cols = this.columns;
    const cells = new Array<string>(cols.length).fill('');
    const problems: Finding[] = [];
    src.typed!.forEach((cell, i) => {
      const col = cols[i];
      if (!cell || !col || (col.kind === 'ignored' && col.sameAs === undefined)) return;
      const r = cellText(cell, col, this.opts.date1904 ?? false);
      if ('text' in r) cells[i] = r.text;
      else problems.push({ ...r.problem, file, row: src.row, line: src.line, column: i + 1, field: col.header });
    });
    if (src.problem) return { findings: [{ ...src.problem, row: src.row, line: src.problem.line ?? src.line }, ...problems], ...this.named(cells) };
    const c = this.fromCells(cells, src.row, src.line);
    if (!problems.length) return c;
    // A field left blank because its cell could not be read is not also "missing".
    const bad = new Set(problems.map((p) => p.column));
    const badKeys = new Set<string>(problems.map((p) => cols[p.column! - 1]).flatMap((col) => (col?.kind === 'fixed' ? [col.key] : [])));
    const rest = c.findings.filter((f) => !bad.has(f.column) && !(f.code === 'MISSING_FIELD' && badKeys.has(String(f.args.key))));
    return { ...c, enterprise: undefined, findings: [...problems, ...rest] };
  }

  private fromCells(cells: string[], row: number, line: number): Converted {
    const { file } = this.opts;
    const findings: Finding[] = [];
    const fixed: Raw = {};
    const facts = new DeferredFacts(this.slots);
    let history: HistoryInput | undefined;
    const where = new Map<string, Position>();
    const cols = this.columns;
    const n = Math.min(cells.length, cols.length);
    for (let i = 0; i < n; i++) {
      const cell = cells[i]!;
      if (cell === '') continue;
      const col = cols[i]!;
      if (col.kind === 'ignored') {
        if (col.sameAs !== undefined && cell.trim() !== (cells[col.sameAs] ?? '').trim() && !isBlank(cell))
          findings.push({
            code: 'DUPLICATE_GIVEN',
            args: { item: cols[col.sameAs]!.header, first: this.place(line, col.sameAs + 1), second: this.place(line, i + 1) },
            file,
            row,
            line,
            column: i + 1,
            field: col.header,
          });
        continue;
      }
      const failed = excelError(cell);
      if (failed !== undefined) {
        findings.push({ code: 'CELL_ERROR', args: { value: failed }, file, row, line, column: i + 1, field: col.header });
        continue;
      }
      if (col.kind === 'fact') {
        const r = this.readers[i]!(cell);
        if (typeof r === 'number' || r instanceof DecimalText) facts.putAt(this.slotOf[i]!, r);
        else if (r.ok) {
          if (r.value !== undefined) facts.putAt(this.slotOf[i]!, r.value);
        } else {
          const hint = r.suggestion ? { hint: { code: 'DID_YOU_MEAN' as const, suggestion: r.suggestion } } : {};
          findings.push({
            code: r.code,
            args: { fact: col.fact.label, detail: r.detail, ...r.args },
            file,
            row,
            line,
            column: i + 1,
            field: col.header,
            ...hint,
          });
        }
      } else if (col.kind === 'fixed') {
        fixed[col.key] = cell;
        where.set(col.key, { column: i + 1, field: col.header });
      } else if (col.kind === 'history') {
        ((history ??= {})[col.clause] ??= {})[col.field] = cell;
        where.set(`history.${col.clause}.${col.field}`, { column: i + 1, field: col.header });
      }
    }
    if (cells.length !== cols.length && isRagged(cells, cols.length))
      findings.push({ code: 'RAGGED_ROW', args: { cells: cells.length, expected: cols.length }, file, row, line });
    const locate: Locate = (path) => ({ file, row, line, ...where.get(path.join('.')) });
    if (history) fixed.history = history;
    return this.finish(fixed, locate, findings, facts, true);
  }

  /** Who a row that could not be read belongs to, from the cells before the broken one. */
  private named(cells: string[] | undefined): Partial<Converted> {
    const out: Partial<Converted> = {};
    cells?.forEach((cell, i) => {
      const col = this.columns[i];
      if (col?.kind === 'fixed' && cell.trim() !== '' && !excelError(cell)) out[col.key] = cell;
    });
    return out;
  }

  private fromRecord(record: unknown, locate: Locate, row: number): Converted {
    const at: Locate = (path) => ({ ...locate(path), row });
    return this.finish(record, at, []);
  }

  /** Defaults for region and year, history from --history, then toEnterprise. */
  private finish(input: unknown, locate: Locate, findings: Finding[], facts?: Map<string, FactValue>, owned = false): Converted {
    const isMap = input !== null && typeof input === 'object' && !Array.isArray(input);
    // A record built here from cells is ours to complete; one read from a file is copied first.
    const rec: Raw = isMap ? (owned ? (input as Raw) : { ...(input as Raw) }) : {};
    const shown = (v: unknown) => (isBlank(v) || typeof v === 'object' ? undefined : String(v));
    const out = { id: shown(rec.id), name: shown(rec.name), region: shown(rec.region), year: shown(rec.year) };
    if (isMap) {
      if (isBlank(rec.region) && this.opts.region) rec.region = this.opts.region;
      if (isBlank(rec.year) && this.opts.year !== undefined) rec.year = this.opts.year;
      const history = this.withBook(out.id, rec.history);
      if (history !== undefined) rec.history = history;
      else if ('history' in rec) delete rec.history;
    }
    // A record that is not a mapping is passed as it is: toEnterprise says what is wrong with it.
    const te = toEnterprise(this.set, isMap ? rec : input, locate, {}, this.index);
    // toEnterprise names a field by its path; for CSV the column header says more.
    const mine = te.findings.map((f) => ({ ...f, ...relabel(locate, f.field) }));
    findings.push(...mine);
    if (findings.length || !te.enterprise) return { findings, ...out };
    if (facts) te.enterprise.facts = facts;
    return { enterprise: te.enterprise, findings, ...out };
  }

  /** History from --history for this id, overridden field by field by the row's own. */
  private withBook(id: string | undefined, own: unknown): unknown {
    const book = id !== undefined ? this.opts.history?.get(id) : undefined;
    if (!book) return own;
    this.historyIdsUsed.add(id!);
    if (!own || typeof own !== 'object' || Array.isArray(own)) return own ?? book;
    const merged: HistoryInput = {};
    for (const [clause, fields] of Object.entries(book)) merged[clause] = { ...fields };
    for (const [clause, fields] of Object.entries(own as HistoryInput))
      merged[clause] = { ...merged[clause], ...(fields && typeof fields === 'object' ? fields : {}) };
    return merged;
  }
}

/** Fewer cells than columns, or more with something in them (trailing empty cells are what spreadsheets leave). */
function isRagged(cells: string[], columns: number): boolean {
  if (cells.length < columns) return true;
  for (let i = columns; i < cells.length; i++) if (cells[i]!.trim() !== '') return true;
  return false;
}

function relabel(locate: Locate, field: string | undefined): Partial<Position> {
  if (!field) return {};
  const at = locate(field.split('.'));
  return at.field ? { column: at.column, field: at.field } : {};
}
