import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { WORKER } from '../worker-script.js';
import { BatchTotals, lineOf, mergeTotals, type EnterpriseLine } from '../report/batch-report.js';
import type { ChunkPlan } from './plan-chunks.js';
import type { ChunkDone, FileLayout, FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

/** Below this a file is read on one thread: starting workers would cost more than they save. */
const PARALLEL_MIN_BYTES = 2 << 20;

/** How many worker threads to use (0: one thread); SUBSIDY_BATCH_WORKERS overrides, for tests. */
export function workerCount(size: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.SUBSIDY_BATCH_WORKERS;
  if (forced !== undefined) return Math.max(0, Math.floor(Number(forced)) || 0);
  if (size < PARALLEL_MIN_BYTES || !existsSync(WORKER)) return 0;
  const n = availableParallelism();
  return n > 1 ? n : 0;
}

/**
 * Chunks of 64 KiB (about a hundred rows); SUBSIDY_BATCH_CHUNK_BYTES overrides,
 * for tests. A worker holds a chunk's records until its rows are numbered and
 * its report text until it is done, and every young-generation GC copies what
 * is still held: with 1 MiB chunks those copies took a tenth of the batch's CPU
 * (measured with --trace-gc: 1.44 s of GC for 20k rows, 0.61 s with 64 KiB), and
 * 4 MiB chunks made the batch peak at 830 MB.
 */
export function chunkBytes(env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env.SUBSIDY_BATCH_CHUNK_BYTES);
  return forced > 0 ? forced : CHUNK_BYTES;
}
const CHUNK_BYTES = 64 << 10;

/**
 * A worker's young generation, in MB (V8 keeps two semi-spaces of a third of it each).
 * V8 grows it as a batch goes on, to 48 MB by default: a longer file's worker ended up
 * larger, and the batch's peak grew with the file (~20 MB of 1M rows' peak). Allocation
 * is short-lived per chunk; a batch of 1,000,000 rows took the same CPU time capped
 * (80.4 s against 81.0 s, one run each).
 */
const YOUNG_MB = 24;

/**
 * Where the results of the chunks go, strictly in input order. `write` and `summary`
 * are done with the bytes when they return: the buffer goes back to its worker.
 */
export interface ChunkSink {
  write(text: string | Uint8Array): void;
  /** The per-enterprise summary (--summary), in the same order. */
  summary?(text: Uint8Array): void;
  stderr(line: string): void;
  tick(rows: number): void;
}

export interface PoolResult {
  totals: BatchTotals;
  shown: EnterpriseLine[];
  historyIdsUsed: Set<string>;
}

/**
 * Batch worker threads. They start (and load the rules) while the main thread
 * plans the chunks; each then reads, parses, converts, evaluates and renders
 * whole chunks. The main thread numbers the rows (a chunk reports how many it
 * holds before it renders), writes results in input order and keeps at most two
 * chunks per worker under way, so memory stays flat however long the file: what
 * it keeps of a chunk goes once the chunk is written, and the report's buffers go
 * back to the worker to be filled again.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  private failure?: (e: Error) => void;
  private broken?: Error;
  private closing = false;

  constructor(
    count: number,
    private readonly setup: WorkerSetup,
  ) {
    this.workers = Array.from({ length: count }, () => new Worker(WORKER, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } }));
    const fail = (e: Error) => {
      if (this.closing) return;
      this.broken ??= e;
      this.failure?.(e);
    };
    for (const w of this.workers) {
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`batch worker exited with code ${code}`)));
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  run(plan: ChunkPlan, sink: ChunkSink): Promise<PoolResult> {
    if (this.broken) return Promise.reject(this.broken);
    const layout: FileLayout = { header: plan.header, bom: plan.bom };
    for (const w of this.workers) w.postMessage({ type: 'layout', layout } satisfies ToWorker);
    return new Promise((resolve, reject) => {
      this.failure = reject;
      new Schedule(plan, this.workers, this.setup, sink, resolve, reject).start();
    });
  }
}

/** The bookkeeping of one run: which chunk is where, row numbers, and writing in order. */
class Schedule {
  private next = 0; // next chunk to hand out
  private written = 0; // chunks written so far
  private numbered = 0; // the first chunk whose first row's number is not yet known
  private rowsBefore = 0; // rows in the chunks before it
  // Only of the chunks handed out and not yet written (at most two per worker):
  private readonly owner = new Map<number, Worker>();
  private readonly counts = new Map<number, number>();
  private readonly done = new Map<number, ChunkDone>();
  private readonly result: PoolResult = { totals: new BatchTotals(), shown: [], historyIdsUsed: new Set() };

  constructor(
    private readonly plan: ChunkPlan,
    private readonly workers: Worker[],
    private readonly setup: WorkerSetup,
    private readonly sink: ChunkSink,
    private readonly resolve: (r: PoolResult) => void,
    private readonly reject: (e: Error) => void,
  ) {}

  start(): void {
    for (const w of this.workers) {
      w.on('message', (m: FromWorker) => {
        try {
          this.receive(w, m);
        } catch (e) {
          this.reject(e as Error);
        }
      });
      this.handOut(w);
    }
  }

  private send(w: Worker, m: ToWorker, transfer: ArrayBuffer[] = []): void {
    w.postMessage(m, transfer);
  }

  /** Gives a worker the next chunk, unless that would run too far ahead of the writing. */
  private handOut(w: Worker): void {
    const id = this.next;
    if (id >= this.plan.chunks.length || id >= this.written + 2 * this.workers.length) return;
    this.next++;
    this.owner.set(id, w);
    this.send(w, { type: 'chunk', id, chunk: this.plan.chunks[id]! });
    if (id === this.numbered) this.send(w, { type: 'base', id, rowsBefore: this.rowsBefore });
  }

  private receive(w: Worker, m: FromWorker): void {
    if (m.type === 'failed') throw m.findings ? new SubsidyError(m.findings) : new Error(`batch worker failed: ${m.message}`);
    if (m.type === 'count') return this.counted(m.id, m.rows);
    this.done.set(m.id, m);
    for (let d = this.done.get(this.written); d; d = this.done.get(this.written)) {
      this.emit(d);
      this.done.delete(this.written);
      this.owner.delete(this.written++);
    }
    if (this.written === this.plan.chunks.length) return this.resolve(this.result);
    // A finished worker takes the next chunk, and so may another held back by the window.
    for (const x of [w, ...this.workers.filter((o) => o !== w)]) if (!this.busy(x)) this.handOut(x);
  }

  private busy(w: Worker): boolean {
    for (let id = this.written; id < this.next; id++) if (this.owner.get(id) === w && !this.done.has(id)) return true;
    return false;
  }

  /** Row numbers: a chunk's first row follows every row of the chunks before it. */
  private counted(id: number, rows: number): void {
    this.counts.set(id, rows);
    for (let n = this.counts.get(this.numbered); n !== undefined; n = this.counts.get(this.numbered)) {
      this.counts.delete(this.numbered++);
      this.rowsBefore += n;
      const w = this.owner.get(this.numbered);
      if (w) this.send(w, { type: 'base', id: this.numbered, rowsBefore: this.rowsBefore });
    }
  }

  /** What the one-thread loop does row by row, done for a chunk's rows at once. */
  private emit(d: ChunkDone): void {
    const r = this.result;
    d.errorLines.forEach((lines, i) => {
      if (r.totals.errors + i < this.setup.errorsShown) for (const l of lines) this.sink.stderr(l);
    });
    for (const l of d.shown) if (r.shown.length < this.setup.limit) r.shown.push(lineOf(l));
    mergeTotals(r.totals, d.totals);
    for (const id of d.historyIdsUsed) r.historyIdsUsed.add(id);
    if (d.text.length) this.sink.write(d.text);
    if (d.summary.length) this.sink.summary?.(d.summary);
    this.sink.tick(r.totals.rows);
    // Written (the sink copies or writes at once): the buffers go back to be filled again.
    const buffers = [d.text.buffer, d.summary.buffer].filter((b) => b.byteLength > 0) as ArrayBuffer[];
    if (buffers.length) this.send(this.owner.get(d.id)!, { type: 'spare', buffers }, buffers);
  }
}
