import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { BatchTotals, enterpriseLine, renderSummary, type EnterpriseLine } from '../../batch/batch-report.js';
import { parseEncoding, type Encoding } from '../../batch/detect-encoding.js';
import { planChunks } from '../../batch/plan-chunks.js';
import { chunkBytes, workerCount, WorkerPool, type PoolResult } from '../../batch/run-workers.js';
import type { WorkerSetup } from '../../batch/worker-protocol.js';
import { headerNames, mapHeaders, type Column } from '../../batch/map-headers.js';
import { progress } from '../../batch/progress.js';
import { readHistory, type HistoryBook } from '../../batch/read-history.js';
import { formatFromName, openRows, type InputFormat } from '../../batch/read-rows.js';
import { reportRenderer, summaryRenderer, type ReportFormat, type ReportRenderer } from '../../batch/report-formats.js';
import { labelsFor, type Labels } from '../../render/labels.js';
import { RowConverter, type ConvertOptions } from '../../batch/row-to-record.js';
import { AtomicOutput } from '../../batch/write-report.js';
import { outcomeOf } from '../../batch/evaluate-row.js';
import type { Finding } from '../../errors/codes.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { formatFinding } from '../../i18n/format-error.js';
import { safeText } from '../../render/safe-text.js';
import { catalogue, fill, type Lang } from '../../i18n/messages.js';
import type { RuleSet } from '../../load/load-rules.js';
import { loadSet } from '../load-set.js';
import { inputName, provenance, runTime, sha256, sha256File, watchStdin, type InputHash } from '../../provenance/provenance.js';
import { reportTrailer } from '../../provenance/render-provenance.js';
import { regionOption, yearOption } from '../option-values.js';

export interface BatchOptions {
  out?: string;
  format?: ReportFormat;
  inputFormat?: InputFormat;
  encoding?: string;
  history?: string;
  limit: string;
  bom: boolean;
  region?: string;
  year?: string;
  lang: Lang;
  rules?: string;
  regime?: string;
  hints?: boolean;
  /** A per-enterprise summary CSV (one line each: sure, ceilings, pending potential, exclusions, validity). */
  summary?: string;
  ids?: boolean;
  reading?: string[];
  readings?: string;
  range?: boolean;
}

/** Error rows are reported on stderr one by one up to this many; the report has them all. */
const ERRORS_ON_STDERR = 20;

const usage = (detail: string, field: string) => SubsidyError.of('USAGE', { detail }, { field });

function reportFormat(out: string, given?: ReportFormat): ReportFormat {
  if (given) return given;
  const ext = extname(out).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.md') return 'md';
  throw usage(`cannot tell the report format from "${out}": use .csv, .jsonl or .md, or --format`, '--out');
}

function wholeNumber(raw: string | undefined, field: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw usage(`${field} ${raw}: a whole number from ${min} to ${max}`, field);
  return n;
}

/** Maps the header and reports unknown or duplicate columns once; a file without a usable header is exit 2. */
function columnsOf(set: RuleSet, header: { cells: string[]; line: number }, file: string, opts: BatchOptions): Column[] {
  const { columns, findings } = mapHeaders(set, headerNames(set), header.cells, { file, line: header.line });
  if (!columns.some((c) => c.kind !== 'ignored'))
    throw SubsidyError.of('CSV_SYNTAX', { detail: 'no header row: none of the cells of the first row is a column name (id, name, region, year or a fact)' }, { file, line: header.line });
  const missing: Finding[] = [];
  for (const key of ['region', 'year'] as const)
    if (!columns.some((c) => c.kind === 'fixed' && c.key === key) && opts[key] === undefined)
      missing.push({ code: 'MISSING_FIELD', args: { field: key }, file, line: header.line, hint: { code: 'TEXT', text: `add a ${key} column or pass --${key}` } });
  if (missing.length) throw new SubsidyError(missing);
  for (const f of findings) process.stderr.write(formatFinding(f, opts.lang) + '\n');
  return columns;
}

interface Run {
  set: RuleSet;
  output?: { file: AtomicOutput; render: ReportRenderer };
  summary?: { file: AtomicOutput; render: ReportRenderer };
  labels: Labels;
  lang: Lang;
  limit: number;
  hints: boolean;
  range: boolean;
}

/** On one thread: reads, evaluates and writes row by row; keeps only totals and the first `limit` summary lines. */
async function runSingle(file: string, opts: BatchOptions, encoding: Encoding | undefined, convert: ConvertOptions, begin: () => void, r: Run): Promise<PoolResult> {
  const source = await openRows(file, { format: opts.inputFormat, encoding });
  const columns = source.header ? columnsOf(r.set, source.header, file, opts) : [];
  const converter = new RowConverter(r.set, columns, convert);
  begin();
  const totals = new BatchTotals();
  const shown: EnterpriseLine[] = [];
  const prog = progress(r.lang);
  try {
    for await (const src of source.rows) {
      const o = outcomeOf(r.set, converter, src, r.hints, r.range);
      if (o.kind === 'error' && totals.errors < ERRORS_ON_STDERR)
        for (const f of o.conv.findings) process.stderr.write(formatFinding(f, r.lang) + '\n');
      totals.add(o);
      if (shown.length < r.limit) shown.push(enterpriseLine(o, r.labels));
      r.output?.file.write(r.output.render.row(o));
      r.summary?.file.write(r.summary.render.row(o));
      prog.tick(totals.rows);
    }
  } finally {
    prog.done();
  }
  return { totals, shown, historyIdsUsed: converter.historyIdsUsed };
}

/**
 * On worker threads, when the input is a CSV file big enough to be worth it and
 * planChunks can cut it into chunks of whole records; else undefined, before
 * anything is written, and the batch runs on one thread.
 */
async function runParallel(file: string, opts: BatchOptions, encoding: Encoding | undefined, setup: WorkerSetup, start: (header: { cells: string[]; line: number }) => void, r: Run): Promise<PoolResult | undefined> {
  if (file === '-' || (opts.inputFormat ?? formatFromName(file)) !== 'csv') return undefined;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return undefined;
  }
  const workers = workerCount(size);
  if (!workers) return undefined;
  const pool = new WorkerPool(workers, setup);
  try {
    const plan = await planChunks(file, encoding, chunkBytes());
    if (!plan) return undefined;
    start(plan.header);
    const prog = progress(r.lang);
    try {
      return await pool.run(plan, { write: (text) => r.output?.file.write(text), summary: (text) => r.summary?.file.write(text), stderr: (line) => process.stderr.write(line + '\n'), tick: (rows) => prog.tick(rows) });
    } finally {
      prog.done();
    }
  } finally {
    await pool.close();
  }
}

export async function batch(file: string, opts: BatchOptions): Promise<number> {
  const at = runTime();
  const set = await loadSet(opts);
  const encoding = parseEncoding(opts.encoding);
  const limit = wholeNumber(opts.limit, '--limit', 0, 1e9)!;
  const year = yearOption(opts.year);
  regionOption(set, opts.region);
  const format = opts.out ? reportFormat(opts.out, opts.format) : undefined;
  const history: HistoryBook | undefined = opts.history ? readHistory(opts.history, set, headerNames(set).clauseIds) : undefined;
  const inputs = [file, ...(opts.history ? [opts.history] : []), ...(opts.regime ? [opts.regime] : [])];
  if (opts.out && opts.summary && opts.out === opts.summary) throw usage('--summary and --out name the same file', '--summary');
  const out = opts.out ? AtomicOutput.open(opts.out, inputs) : undefined;
  let summaryOut: AtomicOutput | undefined;
  try {
    summaryOut = opts.summary ? AtomicOutput.open(opts.summary, inputs) : undefined;
  } catch (e) {
    out?.abort();
    summaryOut?.abort();
    throw e;
  }
  const labels = labelsFor(set, opts.lang, opts.ids);
  const inputHashes = out ? hashInputs(file, opts.history) : undefined;
  const w = catalogue(opts.lang).words;
  // Ctrl-C, SIGTERM or SIGHUP leave the target as it was: the temporary report goes (temp-files.ts).
  try {
    const render = out && format ? reportRenderer(format, labels, { range: opts.range }) : undefined;
    const summary = summaryOut ? summaryRenderer(labels, { range: opts.range }) : undefined;
    let header = '';
    const begin = () => {
      if (out && render) out.write((format === 'csv' && opts.bom ? '\uFEFF' : '') + (header = render.begin()));
      if (summaryOut && summary) summaryOut.write((opts.bom ? '\uFEFF' : '') + summary.begin());
    };
    const run: Run = { set, labels, lang: opts.lang, limit, hints: Boolean(opts.hints), range: Boolean(opts.range), output: out && render ? { file: out, render } : undefined, summary: summaryOut && summary ? { file: summaryOut, render: summary } : undefined };
    const setup: WorkerSetup = { file, rules: opts.rules, regime: opts.regime, region: opts.region, year, history, lang: opts.lang, ids: opts.ids, format: out ? format : undefined, summary: Boolean(summaryOut), choices: set.choices, range: Boolean(opts.range), limit, errorsShown: ERRORS_ON_STDERR, hints: run.hints };
    const { totals, shown, historyIdsUsed } =
      (await runParallel(file, opts, encoding, setup, (header) => (columnsOf(set, header, file, opts), begin()), run)) ??
      (await runSingle(file, opts, encoding, { file, region: opts.region, year, history }, begin, run));
    if (out && render && format) {
      out.write(render.end(totals));
      out.write(reportTrailer(format, provenance(set, await inputHashes!(), at), opts.lang, header));
      out.commit();
    }
    summaryOut?.commit();
    process.stdout.write(renderSummary(shown, totals, { labels, range: opts.range, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
    if (totals.errors > ERRORS_ON_STDERR) process.stderr.write(fill(w.moreErrors!, { count: totals.errors - ERRORS_ON_STDERR }) + '\n');
    const unused = [...(history?.keys() ?? [])].filter((id) => !historyIdsUsed.has(id));
    if (unused.length) process.stderr.write(safeText(fill(w.historyUnused!, { count: unused.length, ids: unused.slice(0, 5).join(', ') + (unused.length > 5 ? ' …' : '') })) + '\n');
    if (out) process.stderr.write(fill(w.reportWritten!, { path: out.target }) + '\n');
    if (summaryOut) process.stderr.write(fill(w.reportWritten!, { path: summaryOut.target }) + '\n');
    return totals.errors ? 1 : 0;
  } catch (e) {
    out?.abort();
    summaryOut?.abort();
    throw e;
  }
}

/**
 * The SHA-256 of the bytes the batch reads, for the report's provenance: a file
 * is hashed alongside the run (the readers are not touched), stdin as the
 * reader consumes it; the history file whole (it is read whole anyway).
 */
function hashInputs(file: string, history: string | undefined): () => Promise<InputHash[]> {
  const fromStdin = file === '-' ? watchStdin() : undefined;
  const hashing = fromStdin ? undefined : sha256File(file);
  hashing?.catch(() => undefined); // an unreadable input fails the batch itself, with its own message
  const hist: InputHash[] = history && history !== '-' ? [{ role: 'history', file: inputName(history), sha256: sha256(readFileSync(history)) }] : [];
  return async () => [{ role: 'input', file: inputName(file), sha256: fromStdin ? fromStdin() : await hashing! }, ...hist];
}
