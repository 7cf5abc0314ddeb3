import { createReadStream, openSync, closeSync, readSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { chooseEncoding, utf8Chunks, type Encoding } from './detect-encoding.js';
import { csvOptions, recordLines, type CsvRecord } from './read-csv.js';
import { RecordScanner } from './scan-records.js';
import { SubsidyError } from '../errors/subsidy-error.js';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const SNIFF_BYTES = 64 * 1024;

/** A run of whole records: bytes [start, end) of the text without BOM, after `newlines` LF bytes. */
export interface Chunk {
  start: number;
  end: number;
  newlines: number;
}

export interface ChunkPlan {
  /** Bytes of BOM before the text: a chunk's bytes are at file offset bom + start. */
  bom: number;
  recordDelimiter: string;
  chunks: Chunk[];
  header: { cells: string[]; line: number };
}

function head(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** Reads bytes [from, to) of a file; one that shrank since it was planned is the user's error (exit 2), not a bug. */
export function readRange(fd: number, from: number, to: number, file: string): Buffer {
  const buf = Buffer.alloc(to - from);
  for (let got = 0; got < buf.length; ) {
    const n = readSync(fd, buf, got, buf.length - got, from + got);
    if (n === 0) throw SubsidyError.of('FILE_UNREADABLE', { reason: `the file changed while it was read (it ends before byte ${from + got})` }, { file });
    got += n;
  }
  return buf;
}

/**
 * Plans a batch in chunks of whole records for the worker threads, or says
 * (undefined) that one thread must read it: not valid UTF-8, or GB18030, or
 * anything the record scanner is not sure about, or too few chunks to share.
 * Reading the file once ahead costs little next to parsing it, and means any
 * file that would fail part-way is left to the single-threaded reader, whose
 * errors and partial output are then exactly as before.
 */
export async function planChunks(file: string, forced: Encoding | undefined, chunkBytes: number): Promise<ChunkPlan | undefined> {
  let bom = 0;
  try {
    if (!statSync(file).isFile()) return undefined;
    const start = head(file);
    if (chooseEncoding(start, start.length < SNIFF_BYTES, file, forced) !== 'utf8') return undefined;
    if (UTF8_BOM.every((b, i) => start[i] === b)) bom = 3;
    const scanner = new RecordScanner(chunkBytes);
    for await (const chunk of utf8Chunks(createReadStream(file, { highWaterMark: 1 << 20 }), file, forced)) if (!scanner.feed(chunk)) return undefined;
    const scan = scanner.finish();
    if (!scan || scan.cuts.length < 2) return undefined;
    const chunks = scan.cuts.map((c, i) => ({ start: c.offset, end: scan.cuts[i + 1]?.offset ?? scan.size, newlines: c.newlines }));
    const header = headerOf(file, bom, chunks[0]!, scan.recordDelimiter);
    return header && { bom, recordDelimiter: scan.recordDelimiter, chunks, header };
  } catch {
    return undefined;
  }
}

/** The first record, read as openCsv reads it; undefined when the first chunk has none (left to one thread). */
function headerOf(file: string, bom: number, first: Chunk, recordDelimiter: string): { cells: string[]; line: number } | undefined {
  const fd = openSync(file, 'r');
  try {
    const buf = readRange(fd, bom + first.start, bom + first.end, file);
    // `to: 1`: only the first record is wanted; csv-parse reads it the same either way.
    const records = parse(buf, { ...csvOptions(), record_delimiter: recordDelimiter, to: 1 }) as unknown as CsvRecord[];
    const rec = records[0];
    if (!rec) return undefined;
    return { cells: rec.cells, line: recordLines(buf, [rec])[0]! };
  } finally {
    closeSync(fd);
  }
}
