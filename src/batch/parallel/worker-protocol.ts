import type { Finding } from '../../errors/codes.js';
import type { Lang } from '../../i18n/messages.js';
import type { LineData, TotalsData } from '../report/batch-report.js';
import type { Chunk } from './plan-chunks.js';
import type { HistoryBook } from '../read/read-history.js';
import type { BatchFormat } from '../report/report-renderer.js';

/** What every batch worker is started with (it loads the rules while the main thread plans the chunks). */
export interface WorkerSetup {
  file: string;
  rules?: string;
  regime?: string;
  region?: string;
  year?: number;
  history?: HistoryBook;
  lang: Lang;
  /** Rule ids beside the names in the report (--ids). */
  ids?: boolean;
  format?: BatchFormat;
  /** Render the per-enterprise summary too (--summary). */
  summary?: boolean;
  /** Summary lines wanted (--limit) and error rows shown on stderr: no chunk needs to send more. */
  limit: number;
  errorsShown: number;
  hints: boolean;
  /** The readings in force (reading id → option) and whether to work out each row's range across them (--range). */
  choices: Record<string, string>;
  range: boolean;
}

/** What the plan adds: the header row and how the text is laid out. */
export interface FileLayout {
  header: { cells: string[]; line: number };
  bom: number;
}

/**
 * Main thread to worker. A worker reads its chunk, says how many rows it holds, and renders once told the first row's number.
 * `spare` gives back (moves) the buffers of a chunk's report once they are written, for the worker to fill again.
 */
export type ToWorker =
  | { type: 'layout'; layout: FileLayout }
  | { type: 'chunk'; id: number; chunk: Chunk }
  | { type: 'base'; id: number; rowsBefore: number }
  | { type: 'spare'; buffers: ArrayBuffer[] };

export interface ChunkDone {
  type: 'done';
  id: number;
  /** The chunk's report text, already UTF-8 (moved, not copied, to the main thread, which writes it and gives the buffer back). */
  text: Uint8Array;
  /** The chunk's per-enterprise summary lines (--summary), UTF-8, moved like the text. */
  summary: Uint8Array;
  totals: TotalsData;
  /** The chunk's first `limit` summary lines. */
  shown: LineData[];
  /** stderr lines of the chunk's first error rows, one array per row. */
  errorLines: string[][];
  historyIdsUsed: string[];
}

export type FromWorker = { type: 'count'; id: number; rows: number } | ChunkDone | { type: 'failed'; message: string; findings?: Finding[] };
