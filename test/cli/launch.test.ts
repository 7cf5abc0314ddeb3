import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

// bin/subsidy.js runs the esbuild bundle through V8's code cache (src/cli/launch.ts);
// SUBSIDY_NO_BUNDLE=1 runs the plain ES modules. Both must behave the same.
const cacheDir = mkdtempSync(join(tmpdir(), 'subsidy-launch-'));
// A fixed SOURCE_DATE_EPOCH: the outputs carry the time of the run, and two runs are compared byte for byte.
const bundled = (args: string[]) => cli(args, undefined, { SUBSIDY_CACHE_DIR: cacheDir, SOURCE_DATE_EPOCH: '1700000000' });
const plain = (args: string[]) => cli(args, undefined, { SUBSIDY_CACHE_DIR: cacheDir, SUBSIDY_NO_BUNDLE: '1', SOURCE_DATE_EPOCH: '1700000000' });
const codeCaches = () => readdirSync(cacheDir).filter((f) => f.startsWith('code-'));

afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('launcher', () => {
  it('the build made the bundle', () => {
    expect(existsSync(join(ROOT, 'dist/bundle/subsidy.cjs'))).toBe(true);
  });

  it.each([
    ['calc table', ['calc', 'examples/lanxi-cross-border-seller.yaml']],
    ['calc json --explain', ['calc', 'examples/lanxi-cross-border-seller.yaml', '--format', 'json', '--explain']],
    ['misspelt fact (exit 2)', ['calc', 'test/corpus/calc/misspelt-fact.yaml']],
    ['rules coverage', ['rules', 'coverage']],
    ['batch of the shipped CSV', ['batch', 'examples/batch/enterprises.csv']],
  ])('%s: the bundle and the plain modules give the same output and exit code', (_name, args) => {
    const a = bundled(args);
    const b = plain(args);
    expect(a.code).toBe(b.code);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stderr).toBe(b.stderr);
  });

  it('writes a code cache once, not from a run that checked the rule files, uses it, and survives a corrupt one', () => {
    rmSync(cacheDir, { recursive: true, force: true });
    // No rule cache yet: this run checks the rule files, code no later run needs.
    const first = bundled(['calc', 'examples/lanxi-cross-border-seller.yaml']);
    expect(readdirSync(cacheDir).some((f) => f.startsWith('rules-'))).toBe(true);
    expect(codeCaches()).toEqual([]);
    // `rules lint` always checks them: no code cache from it either.
    expect(bundled(['rules', 'lint']).code).toBe(0);
    expect(codeCaches()).toEqual([]);
    expect(bundled(['calc', 'examples/lanxi-cross-border-seller.yaml']).stdout).toBe(first.stdout);
    const [file] = codeCaches();
    expect(file).toBeDefined();
    const written = readFileSync(join(cacheDir, file!));
    // A second run accepts the cache, so it leaves the file as it was.
    expect(bundled(['calc', 'examples/lanxi-cross-border-seller.yaml']).stdout).toBe(first.stdout);
    expect(readFileSync(join(cacheDir, file!)).equals(written)).toBe(true);
    // Garbage in the cache is rejected by V8; the run is still right and the cache is rewritten.
    writeFileSync(join(cacheDir, file!), Buffer.from('not a code cache'));
    const third = bundled(['calc', 'examples/lanxi-cross-border-seller.yaml']);
    expect(third.code).toBe(0);
    expect(third.stdout).toBe(first.stdout);
    expect(readFileSync(join(cacheDir, file!)).length).toBeGreaterThan(1000);
    expect(codeCaches()).toHaveLength(1);
  });

  it('keeps a code cache per command, and drops those of another build when it writes one', () => {
    expect(codeCaches().map((f) => f.replace(/^code-\d+-\d+-/, ''))).toEqual(['calc.bin']);
    // A cache of another build of the bundle (another size and time): stale.
    writeFileSync(join(cacheDir, 'code-1-2-calc.bin'), 'old');
    expect(bundled(['--version']).code).toBe(0);
    expect(
      codeCaches()
        .map((f) => f.replace(/^code-\d+-\d+-/, ''))
        .sort(),
    ).toEqual(['calc.bin', 'other.bin']);
    // `--version` and `rules` write their own: calc's, written by a calc, is left as it was.
    const calcCache = codeCaches().find((f) => f.endsWith('-calc.bin'))!;
    const before = readFileSync(join(cacheDir, calcCache));
    expect(bundled(['rules', 'list']).code).toBe(0);
    expect(readFileSync(join(cacheDir, calcCache)).equals(before)).toBe(true);
    expect(codeCaches()).not.toContain('code-1-2-calc.bin');
  });
});

describe('cli-table3 patch (.ci/patches)', () => {
  it('is applied: the debug preview of each cell is only computed when debug logging is on', () => {
    const require = createRequire(join(ROOT, 'package.json'));
    const debug = require('cli-table3/src/debug') as { enabled?: (min: number) => boolean; INFO: number };
    expect(typeof debug.enabled).toBe('function');
    expect(debug.enabled!(debug.INFO)).toBe(false);
  });
});
