import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { firstBadByte, looksUtf16, UTF16_ARGS } from '../../load/read-text-file.js';
import { reason } from '../../i18n/reasons.js';

export type Encoding = 'utf8' | 'gb18030';

/** How much of the start of a file decides its encoding. */
const SNIFF_BYTES = 64 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// Controls other than tab, LF, CR and form feed do not occur in a text file a person made.
const JUNK = /[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/;

export function parseEncoding(raw: string | undefined): Encoding | undefined {
  if (raw === undefined) return undefined;
  const s = raw.toLowerCase().replace(/[-_]/g, '');
  if (s === 'utf8') return 'utf8';
  if (s === 'gbk' || s === 'gb18030' || s === 'gb2312') return 'gb18030';
  throw SubsidyError.of('USAGE', { detail: reason('encodingOption', { value: raw }) }, { field: '--encoding' });
}

/** Turns chunks of the file into chunks of UTF-8 (no BOM), or throws ENCODING. */
interface ChunkDecoder {
  write(buf: Buffer): Buffer;
  end(): Buffer;
}

/** Where a trailing, incomplete UTF-8 sequence starts (buf.length when there is none). */
function completeUpTo(buf: Buffer): number {
  let i = buf.length - 1;
  while (i >= 0 && buf.length - i < 4 && (buf[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i < need ? i : buf.length;
}

const countLf = (buf: Buffer) => {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
};

function utf8Decoder(file: string): ChunkDecoder {
  let carry: Buffer = Buffer.alloc(0);
  let offset = 0;
  let lines = 0;
  let first = true;
  // Where it fails, in the chunk that failed: the byte and its line, counted on from the chunks before.
  const fail = (buf: Buffer = carry) => {
    const bad = firstBadByte(buf);
    const line = lines + countLf(buf.subarray(0, bad)) + 1;
    throw SubsidyError.of('NOT_UTF8', { encoding: 'UTF-8', line, byte: offset + bad }, { file, line });
  };
  return {
    write(chunk) {
      let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      if (first) {
        if (buf.length < 3 && UTF8_BOM.subarray(0, buf.length).equals(buf)) return ((carry = buf), Buffer.alloc(0));
        if (buf.subarray(0, 3).equals(UTF8_BOM)) buf = buf.subarray(3);
        first = false;
      }
      const cut = completeUpTo(buf);
      const done = buf.subarray(0, cut);
      carry = Buffer.from(buf.subarray(cut));
      if (!isUtf8(done)) fail(done);
      offset += done.length;
      lines += countLf(done);
      return done;
    },
    end() {
      if (carry.length && !(first && UTF8_BOM.subarray(0, carry.length).equals(carry))) fail();
      return Buffer.alloc(0);
    },
  };
}

function gbDecoder(file: string): ChunkDecoder {
  const dec = iconv.getDecoder('gb18030');
  let first = true;
  const check = (decoded: string) => {
    // The GB18030 BOM (84 31 95 33) decodes to U+FEFF; iconv-lite keeps it for this codec.
    const text = first && decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded;
    if (decoded) first = false;
    const bad = JUNK.exec(text);
    if (bad)
      throw SubsidyError.of(
        'ENCODING',
        {
          detail: reason(
            'notGbk',
            bad[0] === '\ufffd' ? { why: '字节序列无效', whyEn: 'invalid byte sequence' } : { why: '含控制字符', whyEn: 'control character' },
          ),
        },
        { file },
      );
    return Buffer.from(text, 'utf8');
  };
  return { write: (buf) => check(dec.write(buf)), end: () => check(dec.end() ?? '') };
}

/**
 * Decides the encoding from the start of a file: a UTF-8 BOM or valid UTF-8 means
 * UTF-8; otherwise GB18030 (a superset of GBK and GB2312), if that decodes cleanly.
 * NUL bytes, UTF-16 and undecodable bytes are the file's problem (exit 2).
 */
export function chooseEncoding(head: Buffer, complete: boolean, file: string, forced?: Encoding): Encoding {
  // Excel's "Unicode text" is UTF-16 (with a byte order mark): say so, not "binary data".
  if (looksUtf16(head)) throw SubsidyError.of('ENCODING_UTF16', UTF16_ARGS, { file });
  if (head.includes(0)) throw SubsidyError.of('ENCODING', { detail: reason('binary') }, { file });
  if (forced) return forced;
  if (head.subarray(0, 3).equals(UTF8_BOM)) return 'utf8';
  const whole = complete ? head : head.subarray(0, completeUpTo(head));
  if (isUtf8(whole)) {
    const text = whole.toString('utf8');
    if (JUNK.test(text)) throw SubsidyError.of('ENCODING', { detail: reason('binaryControl') }, { file });
    return 'utf8';
  }
  // Mostly UTF-8 with a bad byte or two is a damaged UTF-8 file, not GBK: name the byte and its line.
  if (mostlyUtf8(whole)) utf8Decoder(file).write(whole);
  gbDecoder(file).write(head);
  return 'gb18030';
}

/**
 * Whether bytes that are not valid UTF-8 are still mostly UTF-8: many well-formed
 * multi-byte characters against few bad bytes. Chinese text in GBK forms a valid
 * UTF-8 sequence only now and then, and leaves bad bytes everywhere.
 */
function mostlyUtf8(buf: Buffer): boolean {
  let good = 0;
  let bad = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need >= 0;
    for (let k = 1; ok && k <= need; k++) ok = i + k < buf.length && (buf[i + k]! & 0xc0) === 0x80;
    if (!ok) {
      bad++;
      i++;
    } else {
      if (need > 0) good++;
      i += need + 1;
    }
  }
  return good >= 1 && good >= 8 * bad;
}

function decoderFor(enc: Encoding, file: string): ChunkDecoder {
  return enc === 'utf8' ? utf8Decoder(file) : gbDecoder(file);
}

/** The chunks of a byte stream as validated UTF-8 without BOM, whatever the file's encoding. */
export async function* utf8Chunks(source: AsyncIterable<Buffer>, file: string, forced?: Encoding): AsyncGenerator<Buffer> {
  const head: Buffer[] = [];
  let size = 0;
  let dec: ChunkDecoder | undefined;
  for await (const chunk of source) {
    if (dec) {
      const out = dec.write(chunk);
      if (out.length) yield out;
      continue;
    }
    head.push(chunk);
    size += chunk.length;
    if (size < SNIFF_BYTES) continue;
    const buf = Buffer.concat(head);
    dec = decoderFor(chooseEncoding(buf, false, file, forced), file);
    const out = dec.write(buf);
    if (out.length) yield out;
  }
  if (!dec) {
    const buf = Buffer.concat(head);
    if (!buf.length) return;
    dec = decoderFor(chooseEncoding(buf, true, file, forced), file);
    const out = dec.write(buf);
    if (out.length) yield out;
  }
  const tail = dec.end();
  if (tail.length) yield tail;
}

/** A whole small file (YAML input, history) decoded the same way. */
export function decodeText(buf: Buffer, file: string, forced?: Encoding): string {
  const dec = decoderFor(chooseEncoding(buf.subarray(0, SNIFF_BYTES), buf.length <= SNIFF_BYTES, file, forced), file);
  return Buffer.concat([dec.write(buf), dec.end()]).toString('utf8');
}
