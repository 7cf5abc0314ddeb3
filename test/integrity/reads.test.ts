import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_BYTES, readBounded, readTextFile } from '../../src/load/read-text-file.js';
import { BIN, cli, ROOT } from '../helpers/cli.js';
import { thrownCode } from '../helpers/thrown-code.js';
import { HEAD, row, scratch } from './files.js';

// Class 7 of issue 14: unbounded reads. A file read whole is at most MAX_TEXT_BYTES (4 MiB);
// /dev/zero and endless input are refused in well under a second instead of growing to gigabytes.
const s = scratch('reads');

/** Runs the CLI with stdin fed by an endless writer; returns exit code, stderr and wall time. */
function withEndlessStdin(args: string[], line: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const chunk = Buffer.from(line.repeat(4096));
    const feed = () => {
      while (child.stdin.writable && child.stdin.write(chunk));
    };
    child.stdin.on('drain', feed);
    child.stdin.on('error', () => undefined); // the reader stops: EPIPE
    feed();
    child.on('exit', (code) => resolve({ code, stderr, ms: performance.now() - start }));
  });
}

/** Wall time of a run that does next to nothing: node, the bundle and the rules, on this machine now. */
function startup(): number {
  const t = performance.now();
  cli(['calc', '--help']);
  return performance.now() - t;
}

describe('a file read whole is bounded', { timeout: 120_000 }, () => {
  it('readTextFile refuses /dev/zero and a FIFO that never ends within a second, having read at most the limit', () => {
    let t = performance.now();
    expect(thrownCode(() => readTextFile('/dev/zero'))).toBe('ENCODING');
    expect(performance.now() - t).toBeLessThan(1000);
    const fifo = s.path('endless');
    execFileSync('mkfifo', [fifo]);
    const feeder = spawn('sh', ['-c', `yes 'facts: 1' > '${fifo}'`], { stdio: 'ignore' });
    try {
      t = performance.now();
      expect(thrownCode(() => readBounded(fifo))).toBe('INPUT_TOO_LARGE');
      expect(performance.now() - t).toBeLessThan(1000);
    } finally {
      feeder.kill();
    }
  });

  it('a regular file one byte over the limit is refused before it is read', () => {
    const f = s.write('big.yaml', Buffer.alloc(MAX_TEXT_BYTES + 1, 0x20));
    expect(thrownCode(() => readTextFile(f))).toBe('INPUT_TOO_LARGE');
    const r = cli(['calc', f, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`[INPUT_TOO_LARGE] the input is larger than the limit of ${MAX_TEXT_BYTES} bytes`);
  });

  it('`calc /dev/zero` and `calc -` with endless stdin end with exit 2 in under a second of their own', async () => {
    const base = startup();
    let t = performance.now();
    const zero = cli(['calc', '/dev/zero', '--lang', 'en']);
    const zeroMs = performance.now() - t;
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/\/dev\/zero.*\[ENCODING\]/);
    expect(zeroMs - base, `calc /dev/zero took ${zeroMs.toFixed(0)} ms, start-up ${base.toFixed(0)} ms`).toBeLessThan(1000);
    const endless = await withEndlessStdin(['calc', '-', '--lang', 'en'], 'facts:\n');
    expect(endless.code).toBe(2);
    expect(endless.stderr).toContain('[INPUT_TOO_LARGE]');
    expect(endless.ms - base, `endless stdin took ${endless.ms.toFixed(0)} ms, start-up ${base.toFixed(0)} ms`).toBeLessThan(1000);
    t = performance.now();
    expect(thrownCode(() => readBounded('/dev/zero'))).toBe('INPUT_TOO_LARGE');
    expect(performance.now() - t).toBeLessThan(1000);
  }, 60_000);

  it('the other files read whole (diff results, case files, --regime, --history, endless stdin for test) are bounded too', async () => {
    const csv = s.write('in.csv', HEAD + row('A'));
    for (const args of [
      ['diff', '/dev/zero', '/dev/zero'],
      ['test', '/dev/zero', '--lang', 'en'],
      ['calc', 'examples/lanxi-cross-border-seller.yaml', '--regime', '/dev/zero', '--lang', 'en'],
      ['batch', csv, '--history', '/dev/zero', '--lang', 'en'],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/\/dev\/zero.*\[(ENCODING|INPUT_TOO_LARGE)\]/);
    }
    const endless = await withEndlessStdin(['diff', '-', 'x.json'], '{"a":');
    expect(endless.code).toBe(2);
    expect(endless.stderr).toContain('[INPUT_TOO_LARGE]');
  }, 60_000);
});
