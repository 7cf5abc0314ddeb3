import { extname } from 'node:path';
import type { Finding, Position } from '../../errors/codes.js';
import { didYouMean } from '../../errors/did-you-mean.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { excelError } from '../../input/excel-errors.js';
import { historyFindings } from '../../input/to-enterprise.js';
import { fieldsReason } from '../../input/read-history-entry.js';
import type { RuleSet } from '../../model/rule-set.js';
import { readBounded } from '../../load/read-text-file.js';
import { readYaml } from '../../load/read-yaml.js';
import { chooseEncoding, decodeText, type Encoding } from './detect-encoding.js';
import { FIXED_HEADERS, HISTORY_FIELDS } from '../convert/map-headers.js';
import { FindingBudget } from '../../errors/finding-budget.js';
import { readCsvWhole } from './read-csv.js';

/** Enterprise id → clause id → field → value as written (checked per row by toEnterprise). */
export type HistoryBook = Map<string, Record<string, Record<string, unknown>>>;

const CSV_COLUMNS = {
  id: [...FIXED_HEADERS.id, 'enterprise', 'enterprise_id', '企业'],
  clause: ['clause', 'clause_id', '条款', '条款编号'],
  field: ['field', '字段', '项目'],
  value: ['value', '值', '数值', '金额'],
} as const;

/** A history file is held whole: 128 MiB is some million lines, far more than any batch has enterprises. */
export const MAX_HISTORY_BYTES = 128 * 1024 * 1024;

type Add = (id: string, clause: string, field: string, value: unknown, pos: Position) => void;

/**
 * Reads `--history`: a CSV with columns enterprise id, clause id, field, value
 * (one line per figure), or a YAML mapping of enterprise id to history as in an
 * input file. Every problem of the file stops the batch before it starts (exit 2)
 * and names the history file and its line: unknown clauses and fields, values
 * that do not read, the same enterprise, clause and field given twice.
 */
export function readHistory(file: string, set: RuleSet, clauseIds: Set<string>, encoding?: Encoding): HistoryBook {
  const buf = readBounded(file, MAX_HISTORY_BYTES, (head) => chooseEncoding(head, false, file, encoding));
  const book: HistoryBook = new Map();
  const where = new Map<string, Position>();
  const findings: Finding[] = [];
  const budget = new FindingBudget();
  const add: Add = (id, clause, field, value, pos) => {
    const at = { file, ...pos, field: `${clause}.${field}` };
    if (!clauseIds.has(clause)) {
      if (!budget.take('UNKNOWN_CLAUSE')) return;
      const s = didYouMean(clause, clauseIds);
      findings.push({ code: 'UNKNOWN_CLAUSE', args: { clause }, ...at, ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}) });
      return;
    }
    if (!(HISTORY_FIELDS as readonly string[]).includes(field)) {
      if (!budget.take('UNKNOWN_FIELD')) return;
      const s = didYouMean(field, HISTORY_FIELDS);
      findings.push({ code: 'UNKNOWN_FIELD', args: { field }, ...at, ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}) });
      return;
    }
    const key = JSON.stringify([id, clause, field]);
    const before = where.get(key);
    if (before) {
      const place = (p: Position) => [file, p.line, p.column].filter((x) => x !== undefined).join(':');
      findings.push({ code: 'DUPLICATE_GIVEN', args: { item: `${id} ${clause}.${field}`, first: place(before), second: place(at) }, ...at });
      return;
    }
    where.set(key, at);
    const entry = book.get(id) ?? {};
    (entry[clause] ??= {})[field] = value;
    book.set(id, entry);
  };
  if (/^\.ya?ml$/i.test(extname(file))) fromYaml(decodeText(buf, file, encoding), file, add, findings);
  else fromCsv(Buffer.from(decodeText(buf, file, encoding)), file, add, findings);
  findings.push(...budget.rest({ file }));
  // Values are checked here, against this file and its lines, not later against a batch row.
  if (!findings.length)
    for (const [id, history] of book)
      findings.push(...historyFindings(set, history, (path) => ({ file, ...where.get(JSON.stringify([id, path[1], path[2]])) })));
  if (findings.length) throw new SubsidyError(findings);
  return book;
}

function fromYaml(text: string, file: string, add: Add, findings: Finding[]): void {
  const src = readYaml(text, file);
  const data = src.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    findings.push({ code: 'SCHEMA', args: { detail: fieldsReason('historyFileShape') }, file });
    return;
  }
  for (const [id, clauses] of Object.entries(data as Record<string, unknown>)) {
    if (!clauses || typeof clauses !== 'object' || Array.isArray(clauses)) {
      findings.push({ code: 'SCHEMA', args: { detail: fieldsReason('historyOfShape', { id }) }, ...src.locate([id]) });
      continue;
    }
    for (const [clause, fields] of Object.entries(clauses as Record<string, unknown>)) {
      if (!fields || typeof fields !== 'object' || Array.isArray(fields)) {
        findings.push({ code: 'SCHEMA', args: { detail: fieldsReason('historyUnderShape', { id, clause }) }, ...src.locate([id, clause]) });
        continue;
      }
      for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
        const { line, column } = src.locate([id, clause, field]);
        const failed = excelError(value);
        if (failed !== undefined) findings.push({ code: 'CELL_ERROR', args: { value: failed }, file, line, column, field: `${clause}.${field}` });
        else add(String(id), clause, field, value, { line, column });
      }
    }
  }
}

function fromCsv(buf: Buffer, file: string, add: Add, findings: Finding[]): void {
  const { header, rows } = readCsvWhole(buf, file);
  const names = (header?.cells ?? []).map((h) => h.normalize('NFKC').trim().toLowerCase());
  const col = Object.fromEntries(
    Object.entries(CSV_COLUMNS).map(([k, list]) => [k, names.findIndex((h) => (list as readonly string[]).includes(h))]),
  ) as Record<keyof typeof CSV_COLUMNS, number>;
  const missing = Object.entries(col)
    .filter(([, i]) => i < 0)
    .map(([k]) => CSV_COLUMNS[k as keyof typeof CSV_COLUMNS].slice(0, 2).join('/'));
  if (missing.length) {
    findings.push({ code: 'MISSING_FIELD', args: { field: missing.join(', ') }, file, line: header?.line ?? 1 });
    return;
  }
  for (const r of rows) {
    if (r.problem) {
      findings.push(r.problem);
      continue;
    }
    const cells = r.cells!;
    const bad = cells.findIndex((c) => excelError(c) !== undefined);
    if (bad >= 0) {
      findings.push({ code: 'CELL_ERROR', args: { value: excelError(cells[bad])! }, file, line: r.line, column: bad + 1 });
      continue;
    }
    const id = cells[col.id]?.trim();
    if (id) add(id, (cells[col.clause] ?? '').trim(), (cells[col.field] ?? '').trim(), cells[col.value] ?? '', { line: r.line, column: col.value + 1 });
  }
}
