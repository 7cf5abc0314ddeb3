import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Finding } from '../errors/codes.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { SubsidyError } from '../errors/subsidy-error.js';
import { readYaml } from '../load/read-yaml.js';
import { decodeText, type Encoding } from './detect-encoding.js';
import { FIXED_HEADERS, HISTORY_FIELDS } from './map-headers.js';

/** Enterprise id → clause id → field → value as written (checked per row by toEnterprise). */
export type HistoryBook = Map<string, Record<string, Record<string, unknown>>>;

const CSV_COLUMNS = {
  id: [...FIXED_HEADERS.id, 'enterprise', 'enterprise_id', '企业'],
  clause: ['clause', 'clause_id', '条款', '条款编号'],
  field: ['field', '字段', '项目'],
  value: ['value', '值', '数值', '金额'],
} as const;

/** Checks one value the way an input file's history is checked (readHistoryField); a finding without position if wrong. */
export type HistoryCheck = (clause: string, field: string, value: unknown) => Finding | undefined;

type Add = (id: string, clause: string, field: string, value: unknown, pos: { line?: number; column?: number; row?: number }) => void;

/**
 * Reads `--history`: a CSV with columns enterprise id, clause id, field, value
 * (one line per figure), or a YAML mapping of enterprise id to history as in an
 * input file. Unknown clauses and fields stop the batch before it starts (exit 2).
 */
export function readHistory(file: string, clauseIds: Set<string>, encoding?: Encoding, check?: HistoryCheck): HistoryBook {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
    throw SubsidyError.of(code, { reason: (e as Error).message }, { file });
  }
  const text = decodeText(buf, file, encoding);
  const book: HistoryBook = new Map();
  const findings: Finding[] = [];
  const add: Add = (id, clause, field, value, pos) => {
    const at = { file, ...pos, field: `${clause}.${field}` };
    let bad: Finding | undefined;
    if (!clauseIds.has(clause)) {
      const s = didYouMean(clause, clauseIds);
      findings.push({ code: 'UNKNOWN_CLAUSE', args: { clause }, ...at, ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}) });
    } else if (!(HISTORY_FIELDS as readonly string[]).includes(field)) {
      const s = didYouMean(field, HISTORY_FIELDS);
      findings.push({ code: 'UNKNOWN_FIELD', args: { field }, ...at, ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}) });
    } else if ((bad = check?.(clause, field, value))) {
      findings.push({ ...bad, ...at });
    } else {
      const entry = book.get(id) ?? {};
      (entry[clause] ??= {})[field] = value;
      book.set(id, entry);
    }
  };
  if (/^\.ya?ml$/i.test(extname(file))) fromYaml(text, file, add, findings);
  else fromCsv(text, file, add, findings);
  if (findings.length) throw new SubsidyError(findings);
  return book;
}

function fromYaml(text: string, file: string, add: Add, findings: Finding[]): void {
  const src = readYaml(text, file);
  const data = src.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    findings.push({ code: 'SCHEMA', args: { detail: 'a history file maps enterprise id → clause id → { paid_total, years_paid, times_paid, highest_tier, level }' }, file });
    return;
  }
  for (const [id, clauses] of Object.entries(data as Record<string, unknown>)) {
    if (!clauses || typeof clauses !== 'object') {
      findings.push({ code: 'SCHEMA', args: { detail: `history of ${id} is a mapping of clause ids` }, ...src.locate([id]) });
      continue;
    }
    for (const [clause, fields] of Object.entries(clauses as Record<string, unknown>)) {
      if (!fields || typeof fields !== 'object') {
        findings.push({ code: 'SCHEMA', args: { detail: `history of ${id} under ${clause} is a mapping of ${HISTORY_FIELDS.join(', ')}` }, ...src.locate([id, clause]) });
        continue;
      }
      for (const [field, value] of Object.entries(fields as Record<string, unknown>)) add(String(id), clause, field, value, src.locate([id, clause, field]));
    }
  }
}

function fromCsv(text: string, file: string, add: Add, findings: Finding[]): void {
  let rows: string[][];
  try {
    rows = parse(text, { comment: '#', comment_no_infix: true, skip_empty_lines: true, relax_column_count: true });
  } catch (e) {
    findings.push({ code: 'CSV_SYNTAX', args: { detail: (e as Error).message.split('\n')[0]! }, file });
    return;
  }
  const header = (rows.shift() ?? []).map((h) => h.normalize('NFKC').trim().toLowerCase());
  const col = Object.fromEntries(Object.entries(CSV_COLUMNS).map(([k, names]) => [k, header.findIndex((h) => (names as readonly string[]).includes(h))])) as Record<keyof typeof CSV_COLUMNS, number>;
  const missing = Object.entries(col).filter(([, i]) => i < 0).map(([k]) => CSV_COLUMNS[k as keyof typeof CSV_COLUMNS].slice(0, 2).join('/'));
  if (missing.length) {
    findings.push({ code: 'MISSING_FIELD', args: { field: missing.join(', ') }, file, line: 1 });
    return;
  }
  // The data row number locates a problem (the sync parser's line count is not reliable with CRLF and blank lines).
  rows.forEach((r, i) => {
    const id = r[col.id]?.trim();
    if (id) add(id, (r[col.clause] ?? '').trim(), (r[col.field] ?? '').trim(), r[col.value] ?? '', { row: i + 1 });
  });
}
