import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { BatchTotals, enterpriseLine, renderSummary, totalsLines, type EnterpriseLine, type Outcome } from '../../batch/report/batch-report.js';
import { HtmlReport } from '../../batch/report/html-report.js';
import { parseEncoding, type Encoding } from '../../batch/read/detect-encoding.js';
import { planChunks } from '../../batch/parallel/plan-chunks.js';
import { chunkBytes, workerCount, WorkerPool, type PoolResult } from '../../batch/parallel/run-workers.js';
import type { WorkerSetup } from '../../batch/parallel/worker-protocol.js';
import { headerNames, isKnownHeader, mapHeaders, type Column } from '../../batch/convert/map-headers.js';
import { progress } from '../../batch/report/progress.js';
import { readHistory, type HistoryBook } from '../../batch/read/read-history.js';
import { formatFromName, openRows, workbookBytes, type InputFormat } from '../../batch/read/read-rows.js';
import { summaryRenderer, type ReportFormat, type ReportRenderer } from '../../batch/report/report-formats.js';
import { batchRenderer, type BatchFormat as FileFormat } from '../../batch/report/report-renderer.js';
import { labelsFor, type Labels } from '../../render/labels.js';
import { RowConverter, type ConvertOptions } from '../../batch/convert/row-to-record.js';
import { AtomicOutput, StdoutOutput } from '../../batch/report/write-report.js';
import type { XlsxOutput } from '../../batch/report/write-xlsx.js';
import { outcomeOf } from '../../batch/convert/evaluate-row.js';
import type { Finding, Words } from '../../errors/codes.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { formatFinding } from '../../i18n/format-error.js';
import { safeText } from '../../i18n/safe-text.js';
import { catalogue, fill, type Lang } from '../../i18n/messages.js';
import type { RuleSet } from '../../model/rule-set.js';
import { loadRules } from '../../index.js';
import { terminalWidth } from '../terminal-width.js';
import { inputName, provenance, runTime, sha256, sha256File, watchStdin, type InputHash } from '../../provenance/provenance.js';
import { provenanceLines, reportTrailer } from '../../provenance/render-provenance.js';
import { regionOption, yearOption } from '../option-values.js';
import { reason } from '../../i18n/reasons.js';
import { stdoutIsTerminal, writeStdout } from '../stdout.js';
import { setFlagsFromString } from 'node:v8';

/** The report formats: the streamed text reports, the workbook, and HTML pages. */
export type BatchFormat = FileFormat | 'html';

export interface BatchOptions {
  out?: string;
  format?: BatchFormat;
  /** A workbook's sheet (default: the first) and header row (default: the first that is not blank). */
  sheet?: string;
  headerRow?: string;
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

const usage = (detail: Words, field: string) => SubsidyError.of('USAGE', { detail }, { field });

function reportFormat(out: string, given?: BatchFormat): BatchFormat {
  if (given) return given;
  const ext = extname(out).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.md') return 'md';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.html' || ext === '.htm') return 'html';
  // A directory (one that exists, or a name ending in /) can only take a page per enterprise.
  if (/[\\/]$/.test(out) || (existsSync(out) && statSync(out).isDirectory())) return 'html';
  throw usage(reason('reportFormatFrom', { value: out }), '--out');
}

/** The report file: text written as it comes, or a workbook built at the end (write-xlsx.ts); or stdout. */
interface ReportOut {
  readonly target: string;
  write(text: string | Uint8Array): void;
  commit(): void | Promise<void>;
  abort(): void;
}

function wholeNumber(raw: string | undefined, field: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw usage(reason('wholeFromTo', { field, value: raw ?? '', min, max }), field);
  return n;
}

/** Maps the header and reports unknown or duplicate columns once; a file without a usable header is exit 2. */
function columnsOf(set: RuleSet, header: { cells: string[]; line: number }, file: string, opts: BatchOptions, sheet?: string): Column[] {
  const at = { file, line: header.line, ...(sheet !== undefined ? { sheet } : {}) };
  const { columns, findings } = mapHeaders(set, headerNames(set), header.cells, at);
  if (!columns.some((c) => c.kind !== 'ignored'))
    throw SubsidyError.of('CSV_SYNTAX', { detail: reason(sheet !== undefined ? 'noHeaderCellsSheet' : 'noHeaderCells') }, at);
  const missing: Finding[] = [];
  for (const key of ['region', 'year'] as const)
    if (!columns.some((c) => c.kind === 'fixed' && c.key === key) && opts[key] === undefined)
      missing.push({ code: 'MISSING_FIELD', args: { field: key }, ...at, hint: { code: 'TEXT', text: `add a ${key} column or pass --${key}` } });
  if (missing.length) throw new SubsidyError(missing);
  for (const f of findings) process.stderr.write(formatFinding(f, opts.lang) + '\n');
  return columns;
}

interface Run {
  set: RuleSet;
  /** The report: each outcome as it comes, and (worker threads) text they rendered. */
  output?: { row(o: Outcome): void; write(text: string | Uint8Array): void };
  summary?: { file: AtomicOutput; render: ReportRenderer };
  labels: Labels;
  lang: Lang;
  limit: number;
  hints: boolean;
  /** Evaluate with traces (the HTML sheets show the working). */
  trace: boolean;
  range: boolean;
}

/** On one thread: reads, evaluates and writes row by row; keeps only totals and the first `limit` summary lines. */
async function runSingle(
  file: string,
  opts: BatchOptions,
  encoding: Encoding | undefined,
  convert: ConvertOptions,
  begin: () => void,
  r: Run,
): Promise<PoolResult> {
  const names = headerNames(r.set);
  const headerRow = wholeNumber(opts.headerRow, '--header-row', 1, 1_048_576);
  const source = await openRows(file, {
    format: opts.inputFormat,
    encoding,
    xlsx: { sheet: opts.sheet, headerRow, isHeader: (cell) => isKnownHeader(names, cell) },
  });
  if (source.format !== 'xlsx' && (opts.sheet !== undefined || headerRow !== undefined))
    throw usage(reason('sheetOptions'), opts.sheet !== undefined ? '--sheet' : '--header-row');
  const columns = source.header ? columnsOf(r.set, source.header, file, opts, source.sheet) : [];
  const converter = new RowConverter(r.set, columns, { ...convert, sheet: source.sheet, date1904: source.date1904 });
  begin();
  const totals = new BatchTotals();
  const shown: EnterpriseLine[] = [];
  const prog = progress(r.lang);
  try {
    for await (const src of source.rows) {
      const o = outcomeOf(r.set, converter, src, r.hints, r.range, r.trace);
      if (o.kind === 'error' && totals.errors < ERRORS_ON_STDERR) for (const f of o.conv.findings) process.stderr.write(formatFinding(f, r.lang) + '\n');
      totals.add(o);
      if (shown.length < r.limit) shown.push(enterpriseLine(o, r.labels));
      r.output?.row(o);
      r.summary?.file.write(r.summary.render.row(o));
      prog.tick(totals.rows);
    }
  } finally {
    prog.done();
  }
  return { totals, shown, historyIdsUsed: converter.historyIdsUsed };
}

const HEAP_GROWING_PERCENT = 50;

/**
 * On worker threads, when the input is a CSV file big enough to be worth it and
 * planChunks can cut it into chunks of whole records; else undefined, before
 * anything is written, and the batch runs on one thread.
 */
async function runParallel(
  file: string,
  opts: BatchOptions,
  encoding: Encoding | undefined,
  setup: WorkerSetup,
  start: (header: { cells: string[]; line: number }) => void,
  r: Run,
): Promise<PoolResult | undefined> {
  // HTML pages need each clause's trace and a file per enterprise, a workbook is read whole: one thread.
  if (file === '-' || (opts.inputFormat ?? formatFromName(file)) !== 'csv' || workbookBytes(file) || r.trace) return undefined;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return undefined;
  }
  const workers = workerCount(size);
  if (!workers) return undefined;
  // Each isolate's old generation may grow to 1.5x its live data before a full collection,
  // not V8's default of up to 4x: a worker holds ~12 MB live, and on a long run the default
  // let the peak at 1,000,000 rows reach 1.2-1.3x the peak at 100,000 (README, Batch). For
  // the whole process: it runs one batch, and the CLI owns it. Set before the file is cut into
  // chunks (planning reads all of it), and back to V8's default (0) when one thread reads it.
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const pool = new WorkerPool(workers, setup);
  try {
    const plan = await planChunks(file, encoding, chunkBytes());
    if (!plan) {
      setFlagsFromString('--heap-growing-percent=0');
      return undefined;
    }
    start(plan.header);
    const prog = progress(r.lang);
    try {
      return await pool.run(plan, {
        write: (text) => r.output?.write(text),
        summary: (text) => r.summary?.file.write(text),
        stderr: (line) => process.stderr.write(line + '\n'),
        tick: (rows) => prog.tick(rows),
      });
    } finally {
      prog.done();
    }
  } finally {
    await pool.close();
  }
}

export async function batch(file: string, opts: BatchOptions): Promise<number> {
  const at = runTime();
  const set = await loadRules(opts);
  const encoding = parseEncoding(opts.encoding);
  const limit = wholeNumber(opts.limit, '--limit', 0, 1e9)!;
  const year = yearOption(opts.year);
  regionOption(set, opts.region);
  // --format without --out, or --out -, writes the report to stdout (the summary is then left out: see below).
  const toStdout = opts.out === '-' || (opts.out === undefined && opts.format !== undefined);
  if (opts.out === '-' && !opts.format) throw usage(reason('stdoutNeedsFormat'), '--out');
  const format = opts.out || toStdout ? reportFormat(opts.out ?? '-', opts.format) : undefined;
  const history: HistoryBook | undefined = opts.history ? readHistory(opts.history, set, headerNames(set).clauseIds) : undefined;
  const inputs = [file, ...(opts.history ? [opts.history] : []), ...(opts.regime ? [opts.regime] : [])];
  if (opts.out && opts.summary && opts.out === opts.summary) throw usage(reason('summaryIsOut'), '--summary');
  if (toStdout && format === 'xlsx') throw usage(reason('xlsxNeedsFile'), opts.out ? '--out' : '--format');
  const labels = labelsFor(set, opts.lang, opts.ids);
  const html = format === 'html' ? HtmlReport.open(opts.out ?? '-', inputs, set, labels, file === '-' ? '<stdin>' : basename(file)) : undefined;
  const out: ReportOut | undefined = !format || format === 'html' ? undefined : toStdout ? new StdoutOutput() : await openReport(opts.out!, format, inputs);
  let summaryOut: AtomicOutput | undefined;
  try {
    summaryOut = opts.summary ? AtomicOutput.open(opts.summary, inputs) : undefined;
  } catch (e) {
    html?.abort();
    out?.abort();
    summaryOut?.abort();
    throw e;
  }
  const inputHashes = out || html ? hashInputs(file, opts.history) : undefined;
  // Each sheet shows the provenance: a file's hash is known before the rows are read; stdin's only at the end (the portfolio page has it).
  if (html) html.provenance = provenanceLines(provenance(set, file === '-' ? [] : await inputHashes!().catch(() => []), at), opts.lang, false);
  const w = catalogue(opts.lang).words;
  // Ctrl-C, SIGTERM or SIGHUP leave the target as it was: the temporary report (or pages) go (temp-files.ts).
  try {
    const render = out && format && format !== 'html' ? batchRenderer(format, labels, { range: opts.range }) : undefined;
    const summary = summaryOut ? summaryRenderer(labels, { range: opts.range }) : undefined;
    let header = '';
    const begin = () => {
      if (out && render) out.write((format === 'csv' && opts.bom ? '\uFEFF' : '') + (header = render.begin()));
      if (summaryOut && summary) summaryOut.write((opts.bom ? '\uFEFF' : '') + summary.begin());
    };
    const output = html
      ? { row: (o: Outcome) => html.row(o), write: () => undefined }
      : out && render
        ? { row: (o: Outcome) => out.write(render.row(o)), write: (text: string | Uint8Array) => out.write(text) }
        : undefined;
    const run: Run = {
      set,
      labels,
      lang: opts.lang,
      limit,
      hints: Boolean(opts.hints),
      trace: Boolean(html),
      range: Boolean(opts.range),
      output,
      summary: summaryOut && summary ? { file: summaryOut, render: summary } : undefined,
    };
    const setup: WorkerSetup = {
      file,
      rules: opts.rules,
      regime: opts.regime,
      region: opts.region,
      year,
      history,
      lang: opts.lang,
      ids: opts.ids,
      format: render ? (format as ReportFormat) : undefined,
      summary: Boolean(summaryOut),
      choices: set.choices,
      range: run.range,
      limit,
      errorsShown: ERRORS_ON_STDERR,
      hints: run.hints,
    };
    const { totals, shown, historyIdsUsed } =
      (await runParallel(file, opts, encoding, setup, (header) => (columnsOf(set, header, file, opts), begin()), run)) ??
      (await runSingle(file, opts, encoding, { file, region: opts.region, year, history }, begin, run));
    if (out && render && format) {
      out.write(render.end(totals));
      const prov = provenance(set, await inputHashes!(), at);
      if (format !== 'xlsx') out.write(reportTrailer(format as ReportFormat, prov, opts.lang, header));
      else (out as XlsxOutput).finish(prov, totals, labels, { range: opts.range });
      await out.commit();
    }
    if (html) html.commit(totals, provenanceLines(provenance(set, await inputHashes!(), at), opts.lang, false));
    summaryOut?.commit();
    // With the report on stdout, the terminal summary would be mixed into it: only its totals go, to stderr.
    if (toStdout) process.stderr.write(totalsLines(totals, labels).join('\n') + '\n');
    else writeStdout(renderSummary(shown, totals, { labels, range: opts.range, color: stdoutIsTerminal() && !process.env.NO_COLOR, width: terminalWidth() }));
    if (totals.errors > ERRORS_ON_STDERR) process.stderr.write(fill(w.moreErrors!, { count: totals.errors - ERRORS_ON_STDERR }) + '\n');
    const unused = [...(history?.keys() ?? [])].filter((id) => !historyIdsUsed.has(id));
    if (unused.length)
      process.stderr.write(
        safeText(fill(w.historyUnused!, { count: unused.length, ids: unused.slice(0, 5).join(', ') + (unused.length > 5 ? ' …' : '') })) + '\n',
      );
    const written = html && !toStdout ? html.target : out && !toStdout ? out.target : undefined;
    if (written) process.stderr.write(fill(w.reportWritten!, { path: written }) + '\n');
    if (summaryOut) process.stderr.write(fill(w.reportWritten!, { path: summaryOut.target }) + '\n');
    return totals.errors ? 1 : 0;
  } catch (e) {
    html?.abort();
    out?.abort();
    summaryOut?.abort();
    throw e;
  }
}

/** An .xlsx report is built with exceljs, loaded only then. */
async function openReport(target: string, format: FileFormat, inputs: string[]): Promise<ReportOut> {
  if (format !== 'xlsx') return AtomicOutput.open(target, inputs);
  const { XlsxOutput } = await import('../../batch/report/write-xlsx.js');
  return XlsxOutput.open(target, inputs);
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
