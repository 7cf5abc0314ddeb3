import type { Finding, Position } from '../../errors/codes.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { excelError } from '../../input/excel-errors.js';
import type { Locate } from '../../input/to-enterprise.js';
import type { RuleSet } from '../../model/rule-set.js';
import type { Encoding } from './detect-encoding.js';
import { headerNames, isKnownHeader, mapHeaders, type Column } from '../convert/map-headers.js';
import { openRows, type SourceRow } from './read-rows.js';
import { cellText } from './xlsx/cell-text.js';

export { isTable } from './input-format.js';

export interface RowChoice {
  /** --row: the data row's number, as the batch report's 行号 column gives it. */
  row?: number;
  /** --id: the row whose enterprise id (企业编号 column) is this. */
  id?: string;
  sheet?: string;
  headerRow?: number;
  encoding?: Encoding;
}

/**
 * One row of a batch table, as the record `subsidy calc` reads from a YAML file
 * (id, name, region, year, facts by id, history), with each field located at
 * its cell: the same row evaluated the same way as in the batch, but with calc's
 * explanations, advice and JSON. Every row is read (a file's rows are streamed)
 * so that an id given on two rows is refused rather than the first one taken.
 */
export async function tableRow(set: RuleSet, file: string, choice: RowChoice): Promise<{ record: Record<string, unknown>; locate: Locate }> {
  const names = headerNames(set);
  const source = await openRows(file, {
    encoding: choice.encoding,
    xlsx: { sheet: choice.sheet, headerRow: choice.headerRow, isHeader: (c) => isKnownHeader(names, c) },
  });
  if (!source.header) throw SubsidyError.of('CSV_SYNTAX', { detail: 'no header row' }, { file });
  const sheet = source.sheet;
  const { columns } = mapHeaders(set, names, source.header.cells, { file, line: source.header.line, sheet });
  const idAt = columns.findIndex((c) => c.kind === 'fixed' && c.key === 'id');
  const matches: SourceRow[] = [];
  let count = 0;
  for await (const src of source.rows) {
    count++;
    if (choice.row !== undefined ? src.row === choice.row : idAt >= 0 && cellAt(src, idAt, columns[idAt]!, source.date1904)?.trim() === choice.id)
      matches.push(src);
  }
  if (choice.row !== undefined && !matches.length) throw SubsidyError.of('ROW_NOT_FOUND', { row: choice.row, count }, { file, field: '--row' });
  if (choice.id !== undefined && !matches.length) throw SubsidyError.of('ID_NOT_FOUND', { id: choice.id }, { file, field: '--id' });
  if (matches.length > 1)
    throw SubsidyError.of('ID_TWICE', { id: choice.id!, rows: matches.map((m) => m.row).join('、'), option: '--row' }, { file, field: '--id' });
  return recordOf(matches[0]!, columns, { file, sheet, date1904: source.date1904 });
}

function cellAt(src: SourceRow, i: number, col: Column, date1904?: boolean): string | undefined {
  if (src.cells) return src.cells[i];
  const typed = src.typed?.[i];
  if (!typed) return undefined;
  const r = cellText(typed, col, date1904 ?? false);
  return 'text' in r ? r.text : undefined;
}

function recordOf(
  src: SourceRow,
  columns: Column[],
  at: { file: string; sheet?: string; date1904?: boolean },
): { record: Record<string, unknown>; locate: Locate } {
  const pos = (column: number, field: string): Position => ({
    file: at.file,
    line: src.line,
    row: src.row,
    column,
    field,
    ...(at.sheet !== undefined ? { sheet: at.sheet } : {}),
  });
  if (src.problem) throw new SubsidyError([{ ...src.problem, row: src.row }]);
  const record: Record<string, unknown> = {};
  const facts: Record<string, string> = {};
  const history: Record<string, Record<string, string>> = {};
  const where = new Map<string, Position>();
  const problems: Finding[] = [];
  columns.forEach((col, i) => {
    if (col.kind === 'ignored') return;
    const cell = cellAt(src, i, col, at.date1904);
    const typed = src.typed?.[i];
    if (typed && cell === undefined) {
      const r = cellText(typed, col, at.date1904 ?? false);
      if ('problem' in r) problems.push({ ...r.problem, ...pos(i + 1, col.header) });
      return;
    }
    if (cell === undefined || cell.trim() === '') return;
    const failed = excelError(cell);
    if (failed !== undefined) return void problems.push({ code: 'CELL_ERROR', args: { value: failed }, ...pos(i + 1, col.header) });
    if (col.kind === 'fixed') (record[col.key] = cell), where.set(col.key, pos(i + 1, col.header));
    else if (col.kind === 'fact') (facts[col.fact.id] = cell), where.set(`facts.${col.fact.id}`, pos(i + 1, col.header));
    else ((history[col.clause] ??= {})[col.field] = cell), where.set(`history.${col.clause}.${col.field}`, pos(i + 1, col.header));
  });
  if (problems.length) throw new SubsidyError(problems);
  record.facts = facts;
  if (Object.keys(history).length) record.history = history;
  const whole = pos(0, '');
  const locate: Locate = (path) => where.get(path.join('.')) ?? { ...whole, column: undefined, field: path.join('.') };
  return { record, locate };
}
