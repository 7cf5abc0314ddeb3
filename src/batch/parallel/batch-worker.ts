// A batch worker thread: reads chunks of whole CSV records from the file and turns
// them into report text, summary lines and totals (see run-workers.ts).
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { isSubsidyError } from '../../errors/subsidy-error.js';
import { formatFinding } from '../../i18n/format-error.js';
import { loadRules } from '../../load/load-rules.js';
import { withReadings } from '../../readings/apply-readings.js';
import { BatchTotals, enterpriseLine, lineData, totalsData, type LineData, type Outcome } from '../report/batch-report.js';
import { outcomeOf } from '../convert/evaluate-row.js';
import { headerNames, mapHeaders } from '../convert/map-headers.js';
import { readRange } from './plan-chunks.js';
import { chunkRows, type RawRow } from '../read/read-csv.js';
import { summaryRenderer } from '../report/report-formats.js';
import { batchRenderer } from '../report/report-renderer.js';
import { RowConverter } from '../convert/row-to-record.js';
import { labelsFor } from '../../render/labels.js';
import type { ChunkDone, FileLayout, FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (m: FromWorker) => port.postMessage(m, m.type === 'done' ? [m.text.buffer as ArrayBuffer, m.summary.buffer as ArrayBuffer] : []);
const utf8 = new TextEncoder();

// Row numbers come from the main thread once every earlier chunk has been counted.
const bases = new Map<number, (rowsBefore: number) => void>();
const waiting = new Map<number, number>();
function rowsBefore(id: number): Promise<number> {
  const known = waiting.get(id);
  if (known !== undefined) return Promise.resolve(known);
  return new Promise((resolve) => bases.set(id, resolve));
}

let gotLayout: (l: FileLayout) => void;
const layout = new Promise<FileLayout>((resolve) => (gotLayout = resolve));

async function prepare() {
  const set = withReadings(await loadRules(setup.rules, setup.regime), setup.choices);
  const { header } = await layout;
  const { columns } = mapHeaders(set, headerNames(set), header.cells, { file: setup.file, line: header.line });
  const converter = new RowConverter(set, columns, { file: setup.file, region: setup.region, year: setup.year, history: setup.history });
  const labels = labelsFor(set, setup.lang, setup.ids);
  const render = setup.format ? batchRenderer(setup.format, labels, { range: setup.range }) : undefined;
  const summary = setup.summary ? summaryRenderer(labels, { range: setup.range }) : undefined;
  return { set, converter, render, summary, labels };
}
const ready = prepare();
// A failure shows when the first chunk awaits `ready` (and is posted back from there).
ready.catch(() => undefined);

// Memory the worker uses again from chunk to chunk rather than asking for anew: a chunk
// of the input is read into `input` (its rows are strings of their own once split), and
// its report is encoded into a buffer from `spare`, which the main thread gives back
// once it has written it (see encoded). Fresh buffers for each of the thousands of
// chunks of a long file were freed only when some later GC ran, on another thread for
// the report, and the process kept growing with the length of the file.
let input = Buffer.alloc(0);
const spare: ArrayBuffer[] = [];

/** The chunk's rows with the physical line each starts on, as openCsv gives them (see chunkRows). */
function rowsOfChunk(m: Extract<ToWorker, { type: 'chunk' }>, { bom, header }: FileLayout): RawRow[] {
  const { chunk } = m;
  const size = chunk.end - chunk.start;
  if (input.length < size) input = Buffer.allocUnsafeSlow(size + (size >> 2));
  const fd = openSync(setup.file, 'r');
  let buf: Buffer;
  try {
    buf = readRange(fd, bom + chunk.start, bom + chunk.end, setup.file, input);
  } finally {
    closeSync(fd);
  }
  // Split at once, with no await in between: the next chunk reads into the same memory.
  return chunkRows(buf, { first: chunk.first, line: chunk.line, columns: header.cells.length }, setup.file);
}

async function run(m: Extract<ToWorker, { type: 'chunk' }>): Promise<ChunkDone> {
  const { set, converter, render, summary, labels } = await ready;
  const records = rowsOfChunk(m, await layout);
  post({ type: 'count', id: m.id, rows: records.length });
  // Rows are converted and evaluated while the main thread works out the number of the
  // chunk's first row (it needs every earlier chunk's count): numbered from 1, then shifted.
  // The chunk's outcomes are held until then, so each young-generation GC meanwhile copies them:
  // a row's cells are let go once it is converted, and its enterprise (only the workbook report
  // reads it, to evaluate other readings) once it is evaluated.
  const pending: (RawRow | undefined)[] = records;
  const outcomes = pending.map((r, i) => {
    pending[i] = undefined;
    const o = outcomeOf(set, converter, { row: i + 1, ...r! }, setup.hints, setup.range);
    if (o.kind === 'ok' && setup.format !== 'xlsx') o.ent = undefined;
    return o;
  });
  const first = await rowsBefore(m.id);
  const totals = new BatchTotals();
  const shown: LineData[] = [];
  const errorLines: string[][] = [];
  const text: string[] = [];
  const summaryText: string[] = [];
  outcomes.forEach((relative) => {
    const o = renumbered(relative, first);
    if (o.kind === 'error' && totals.errors < setup.errorsShown) errorLines.push(o.conv.findings.map((f) => formatFinding(f, setup.lang)));
    totals.add(o);
    // Only the file's first `limit` rows are listed: a later chunk has none of them to send.
    if (first + shown.length < setup.limit) shown.push(lineData(enterpriseLine(o, labels)));
    if (render) text.push(render.row(o));
    if (summary) summaryText.push(summary.row(o));
  });
  return {
    type: 'done',
    id: m.id,
    text: encoded(text),
    summary: encoded(summaryText),
    totals: totalsData(totals),
    shown,
    errorLines,
    historyIdsUsed: [...converter.historyIdsUsed],
  };
}

/**
 * The pieces as UTF-8 in a buffer of their own (it is transferred, so not a slice of
 * Buffer's shared pool), each encoded straight into it rather than joined first.
 * A UTF-16 code unit never takes more than 3 bytes. The buffer is a spare one when one
 * is big enough; a new one has room to spare, so that later chunks fit it too, and
 * replaces a spare that is too small: a worker never has more buffers than chunks out.
 */
function encoded(pieces: string[]): Uint8Array {
  let units = 0;
  for (const p of pieces) units += p.length;
  if (!units) return new Uint8Array(0);
  const need = units * 3;
  const fits = spare.findIndex((b) => b.byteLength >= need);
  if (fits < 0) spare.pop();
  const bytes = new Uint8Array(fits >= 0 ? spare.splice(fits, 1)[0]! : new ArrayBuffer(need + (need >> 1)));
  let at = 0;
  for (const p of pieces) at += utf8.encodeInto(p, bytes.subarray(at)).written;
  return bytes.subarray(0, at);
}

/** An outcome whose row (and its findings' rows) counted from the chunk's start, moved to the file's numbering. */
function renumbered(o: Outcome, rowsBefore: number): Outcome {
  if (o.kind === 'ok') return { ...o, row: o.row + rowsBefore };
  const findings = o.conv.findings.map((f) => (f.row === undefined ? f : { ...f, row: f.row + rowsBefore }));
  return { ...o, row: o.row + rowsBefore, conv: { ...o.conv, findings } };
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'layout') return gotLayout(m.layout);
  if (m.type === 'spare') return void spare.push(...m.buffers);
  if (m.type === 'base') {
    const resolve = bases.get(m.id);
    if (resolve) bases.delete(m.id), resolve(m.rowsBefore);
    else waiting.set(m.id, m.rowsBefore);
    return;
  }
  // A user's error (the file changed under us) goes back as findings; anything else is a bug.
  run(m).then(post, (e: Error) => post({ type: 'failed', message: e.stack ?? e.message, findings: isSubsidyError(e) ? e.findings : undefined }));
});
