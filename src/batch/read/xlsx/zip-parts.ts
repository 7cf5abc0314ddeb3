import { closeSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { SubsidyError } from '../../../errors/subsidy-error.js';

/**
 * The parts of an .xlsx file (a zip archive), read with bounds. yauzl reads the
 * central directory first, so parts are found by name in any order and nothing
 * is spooled to disk; each part's declared uncompressed size is checked before it
 * is inflated, and yauzl stops a part that inflates to more than it declared (a
 * zip bomb that lies about its sizes).
 */

/** Parts read whole (workbook, relationships, styles) are small in any real workbook. */
export const SMALL_PART_BYTES = 16 << 20;
/** Shared text is kept in memory while the sheet is read. */
export const SHARED_STRINGS_BYTES = 256 << 20;
/** A sheet is streamed (memory does not grow with it); the bound is on time. */
export const SHEET_BYTES = 4 * 2 ** 30;
const MAX_ENTRIES = 100_000;

export const WANTED = '.xlsx';

export class ZipParts {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    readonly file: string,
  ) {}

  static async open(file: string): Promise<ZipParts> {
    refuseOle(file);
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (err, z) => (err ? reject(err) : resolve(z))),
    ).catch(() => {
      throw SubsidyError.of('XLSX_NOT_ZIP', { wanted: WANTED }, { file });
    });
    if (zip.entryCount > MAX_ENTRIES) {
      zip.close();
      throw SubsidyError.of('XLSX_TOO_LARGE', { part: 'central directory', size: zip.entryCount, limit: MAX_ENTRIES }, { file });
    }
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        // Names are compared without a leading slash and case, as Excel itself does.
        entries.set(partKey(e.fileName), e);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    }).catch((e: Error) => {
      zip.close();
      throw SubsidyError.of('XLSX_BROKEN', { part: 'central directory', detail: e.message }, { file });
    });
    return new ZipParts(zip, entries, file);
  }

  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /** The part's bytes as a stream, after checking its declared size against `limit`. */
  async stream(name: string, limit: number): Promise<Readable> {
    const entry = this.entries.get(partKey(name));
    if (!entry) throw SubsidyError.of('XLSX_PART_MISSING', { part: name }, { file: this.file });
    if (entry.uncompressedSize > limit) throw SubsidyError.of('XLSX_TOO_LARGE', { part: name, size: entry.uncompressedSize, limit }, { file: this.file });
    return new Promise<Readable>((resolve, reject) => this.zip.openReadStream(entry, (err, s) => (err ? reject(this.broken(name, err)) : resolve(s))));
  }

  /** A small part as text; absent parts give undefined. */
  async text(name: string, limit = SMALL_PART_BYTES): Promise<string | undefined> {
    if (!this.has(name)) return undefined;
    const chunks: Buffer[] = [];
    try {
      for await (const c of await this.stream(name, limit)) chunks.push(c as Buffer);
    } catch (e) {
      throw this.broken(name, e);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** A failure while inflating a part (truncated data, sizes that lie, bad CRC) as the user's error. */
  broken(part: string, e: unknown): SubsidyError {
    if (e instanceof SubsidyError) return e;
    return SubsidyError.of('XLSX_BROKEN', { part, detail: (e as Error)?.message ?? String(e) }, { file: this.file });
  }

  close(): void {
    this.zip.close();
  }
}

const partKey = (name: string) => name.replace(/^\/+/, '').toLowerCase();

/**
 * An old .xls workbook, and any password-protected .xlsx, is an OLE compound file,
 * not a zip: said in so many words rather than "not a zip".
 */
function refuseOle(file: string): void {
  let head = Buffer.alloc(0);
  try {
    const fd = openSync(file, 'r');
    try {
      head = Buffer.alloc(8);
      head = head.subarray(0, readSync(fd, head, 0, 8, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return; // yauzl reports an unreadable file in its own words
  }
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) throw SubsidyError.of('XLSX_OLD_FORMAT', { wanted: WANTED }, { file });
}
