import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, utf8Chunks } from '../../src/batch/read/detect-encoding.js';
import { isSubsidyError } from '../../src/errors/subsidy-error.js';

async function decode(bytes: Buffer, size: number, forced?: 'utf8' | 'gb18030'): Promise<string> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const out: Buffer[] = [];
  for await (const c of utf8Chunks(chunks(), 'test.csv', forced)) out.push(c);
  return Buffer.concat(out).toString('utf8');
}

const text = '企业编号,企业名称,地区\r\n' + Array.from({ length: 3000 }, (_, i) => `E${i},丽水市莲都区某电商有限公司${i},莲都区`).join('\r\n') + '\r\n';

describe('encoding detection', () => {
  it('UTF-8 with a BOM, cut at every awkward place, comes out whole and without the BOM', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    for (const size of [1, 2, 5, 4096, 70000]) expect(await decode(bytes, size)).toBe(text);
  });
  it('GBK is detected (also when the start is longer than the sniffed part) and decoded', async () => {
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.length).toBeGreaterThan(64 * 1024);
    expect(await decode(gbk, 1000)).toBe(text);
    expect(decodeText(gbk, 'x')).toBe(text);
  });
  it('a GB18030 BOM is dropped', async () => {
    expect(await decode(iconv.encode('\uFEFF' + text, 'gb18030'), 777, 'gb18030')).toBe(text);
  });
  it('invalid UTF-8 after a valid start is a UTF-8 error (NOT_UTF8), not mojibake', async () => {
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from(text), Buffer.from([0xc3, 0x28])]);
    await expect(decode(bytes, 4096)).rejects.toSatisfy((e: unknown) => isSubsidyError(e) && e.findings[0]!.code === 'NOT_UTF8');
  });
  it('UTF-16 (ENCODING_UTF16) and NUL bytes (ENCODING) are refused', async () => {
    for (const [bytes, code] of [
      [Buffer.from('\uFEFFid,region\n', 'utf16le'), 'ENCODING_UTF16'],
      [Buffer.from('id\0region\n'), 'ENCODING'],
    ] as const)
      await expect(decode(bytes, 100)).rejects.toSatisfy((e: unknown) => isSubsidyError(e) && e.findings[0]!.code === code);
  });
});
