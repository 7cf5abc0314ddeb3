import { createReadStream, openSync, closeSync, readSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { chooseEncoding, utf8Chunks, type Encoding } from '../read/detect-encoding.js';
import { csvOptions } from '../read/read-csv.js';
import { RecordSplitter, type Split } from '../read/split-records.js';
import { SubsidyError } from '../../errors/subsidy-error.js';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const SNIFF_BYTES = 64 * 1024;

/**
 * A run of whole pieces (records and bad lines): bytes [start, end) of the text
 * without BOM, starting on physical line `line`. The first chunk holds the header.
 */
export interface Chunk {
  start: number;
  end: number;
  line: number;
  first: boolean;
}

export interface ChunkPlan {
  /** Bytes of BOM before the text: a chunk's bytes are at file offset bom + start. */
  bom: number;
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

/**
 * Reads bytes [from, to) of a file, into the start of `into` when it is big enough;
 * one that shrank since it was planned is the user's error (exit 2), not a bug.
 */
export function readRange(fd: number, from: number, to: number, file: string, into?: Buffer): Buffer {
  const buf = into && into.length >= to - from ? into.subarray(0, to - from) : Buffer.alloc(to - from);
  for (let got = 0; got < buf.length; ) {
    const n = readSync(fd, buf, got, buf.length - got, from + got);
    if (n === 0) throw SubsidyError.of('FILE_UNREADABLE', { reason: `the file changed while it was read (it ends before byte ${from + got})` }, { file });
    got += n;
  }
  return buf;
}

/**
 * Plans a batch in chunks of whole pieces for the worker threads, or says
 * (undefined) that one thread must read it: not valid UTF-8, or GB18030, no
 * usable header, or too few chunks to share. The chunks start where the record
 * splitter starts a piece, so a worker that splits its chunk again finds the same
 * records and the same bad lines. Reading the file once ahead costs little next
 * to parsing it, and means any file that would fail as a whole is left to the
 * single-threaded reader, whose errors are then exactly as before.
 */
export async function planChunks(file: string, forced: Encoding | undefined, chunkBytes: number): Promise<ChunkPlan | undefined> {
  let bom = 0;
  try {
    if (!statSync(file).isFile()) return undefined;
    const start = head(file);
    if (chooseEncoding(start, start.length < SNIFF_BYTES, file, forced) !== 'utf8') return undefined;
    if (UTF8_BOM.every((b, i) => start[i] === b)) bom = 3;
    const splitter = new RecordSplitter();
    const cuts = [{ offset: 0, line: 1 }];
    let header: ChunkPlan['header'] | undefined;
    let size = 0;
    const take = ({ buf, base, pieces }: Split) => {
      for (const p of pieces) {
        if (p.kind === 'bad-header') return false;
        if (p.kind === 'header') header = { cells: (parse(buf.subarray(p.start - base, p.end - base), csvOptions()) as string[][])[0]!, line: p.line };
        else if (header && p.start - cuts[cuts.length - 1]!.offset >= chunkBytes) cuts.push({ offset: p.start, line: p.line });
      }
      size = base + buf.length;
      return true;
    };
    for await (const chunk of utf8Chunks(createReadStream(file, { highWaterMark: 1 << 20 }), file, forced)) if (!take(splitter.feed(chunk))) return undefined;
    if (!take(splitter.finish()) || !header || cuts.length < 2) return undefined;
    const chunks = cuts.map((c, i) => ({ start: c.offset, end: cuts[i + 1]?.offset ?? size, line: c.line, first: i === 0 }));
    return { bom, chunks, header };
  } catch {
    return undefined;
  }
}
