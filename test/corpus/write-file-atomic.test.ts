import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/output/write-file-atomic.js';
import { thrownCode } from '../helpers/thrown-code.js';

// writeSync is wrapped so one test can make the disk fail half-way through a write.
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return { ...real, writeSync: vi.fn(real.writeSync) };
});

const dir = () => mkdtempSync(join(tmpdir(), 'subsidy-atomic-'));

afterEach(() => vi.mocked(fs.writeSync).mockRestore?.());

describe('writeFileAtomic', () => {
  it('writes the whole content and leaves no temporary file', () => {
    const d = dir();
    writeFileAtomic(join(d, 'out.xml'), 'x'.repeat(100_000));
    expect(readFileSync(join(d, 'out.xml'), 'utf8')).toHaveLength(100_000);
    expect(readdirSync(d)).toEqual(['out.xml']);
  });

  it('a disk failure half-way leaves no partial file, and an older file untouched', () => {
    const d = dir();
    const real = vi.mocked(fs.writeSync).getMockImplementation() as unknown as (fd: number, buf: Uint8Array) => number;
    const halfThenFail = ((fd: number, buf: Uint8Array) => {
      real(fd, buf.subarray(0, buf.length >> 1));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    }) as unknown as typeof fs.writeSync;
    vi.mocked(fs.writeSync).mockImplementationOnce(halfThenFail);
    expect(thrownCode(() => writeFileAtomic(join(d, 'new.xml'), 'complete report'))).toBe('FILE_UNWRITABLE');
    expect(readdirSync(d)).toEqual([]);

    writeFileSync(join(d, 'old.xml'), 'previous complete report');
    vi.mocked(fs.writeSync).mockImplementationOnce(halfThenFail);
    expect(thrownCode(() => writeFileAtomic(join(d, 'old.xml'), 'new report that never finishes'))).toBe('FILE_UNWRITABLE');
    expect(readFileSync(join(d, 'old.xml'), 'utf8')).toBe('previous complete report');
    expect(readdirSync(d)).toEqual(['old.xml']);
  });

  it('a target that is a directory is refused before anything is written, and left as it was', () => {
    const d = dir();
    mkdirSync(join(d, 'report'));
    expect(thrownCode(() => writeFileAtomic(join(d, 'report'), 'x'))).toBe('OUTPUT_NOT_FILE');
    expect(readdirSync(d)).toEqual(['report']);
    expect(readdirSync(join(d, 'report'))).toEqual([]);
  });

  it('refuses to overwrite an input, however the path is spelt (same path, relative, through a symlink)', () => {
    const d = dir();
    const input = join(d, 'cases.yaml');
    writeFileSync(input, 'name: keep me\n');
    symlinkSync(input, join(d, 'alias.yaml'));
    for (const target of [input, relative(process.cwd(), input), join(d, 'alias.yaml'), join(d, '.', 'cases.yaml')])
      expect(
        thrownCode(() => writeFileAtomic(target, 'overwritten', [input])),
        target,
      ).toBe('OUTPUT_IS_INPUT');
    expect(readFileSync(input, 'utf8')).toBe('name: keep me\n');
    expect(readdirSync(d).sort()).toEqual(['alias.yaml', 'cases.yaml']);
  });
});
