import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/**
 * Start-up path of `bin/subsidy.js`. Node 20 has no compile cache for ES modules
 * (module.enableCompileCache is Node 22), and compiling the CLI and its libraries
 * was most of a `subsidy calc` run. So the build also bundles the CLI into one
 * CommonJS file (dist/bundle/subsidy.cjs, by esbuild: src/cli/build-bundle.ts), and this launcher runs it
 * through vm.Script with V8's code cache kept in node_modules/.cache/subsidy.
 * With SUBSIDY_NO_BUNDLE=1 (or a bare `tsc` build, which has no bundle) it imports
 * the plain ES modules, which behave the same, only slower to start.
 *
 * The build bundles this launcher too, as dist/bundle/launch.cjs, which the bin shim
 * requires: a CommonJS entry starts ~10 ms sooner than an ES module one (Node sets up
 * no ES module loader for it), and the bin shim is CommonJS (bin/package.json).
 */
const BUNDLE = fileURLToPath(new URL('../bundle/subsidy.cjs', import.meta.url));
const CACHE_DIR = process.env.SUBSIDY_CACHE_DIR || fileURLToPath(new URL('../../node_modules/.cache/subsidy', import.meta.url));

type Wrapped = (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;

/**
 * V8 checks its version and flags but, for the source, only its length: so the file name carries
 * the bundle's size and mtime. And the command: a cache holds what the run that wrote it compiled,
 * so one written by `--help` left a calc compiling most of its code at every start. Each command
 * (the first argument, when it is a plain word) keeps its own.
 */
function cacheFile(): { file: string; version: string } | undefined {
  try {
    const s = statSync(BUNDLE);
    const command = /^[a-z]{1,16}$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
    const version = `code-${s.size}-${Math.trunc(s.mtimeMs)}-`;
    return { file: join(CACHE_DIR, `${version}${command}.bin`), version };
  } catch {
    return undefined;
  }
}

/**
 * The bundle's text (already wrapped as a function by the build) and the code cache, read
 * through one buffer: the text is copied out of it as a string before the cache is read into
 * it. Every page a start touches first costs (some 14 µs each on this project's machines), and
 * two buffers and a wrapped copy of the text were 2 MB of them.
 */
function readBundle(file: string): { source: string; cachedData?: Buffer } {
  const fd = openSync(BUNDLE, 'r');
  let cache: number | undefined;
  try {
    cache = openSync(file, 'r');
  } catch {
    // No cache yet (or none readable): compiled from the text.
  }
  try {
    const size = fstatSync(fd).size;
    const cacheSize = cache === undefined ? 0 : fstatSync(cache).size;
    const buf = Buffer.allocUnsafeSlow(Math.max(size, cacheSize));
    const source = buf.toString('latin1', 0, readAll(fd, buf, size));
    if (cache === undefined || cacheSize === 0) return { source };
    return { source, cachedData: buf.subarray(0, readAll(cache, buf, cacheSize)) };
  } finally {
    closeSync(fd);
    if (cache !== undefined) closeSync(cache);
  }
}

function readAll(fd: number, buf: Buffer, size: number): number {
  let got = 0;
  for (let n = -1; got < size && n !== 0; got += n) n = readSync(fd, buf, got, size - got, got);
  return got;
}

/** Written once, after the command ran, so the functions it compiled are in it; caches of other builds are removed. */
function writeCache(script: Script, file: string, version: string): void {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    for (const old of readdirSync(CACHE_DIR)) if (old.startsWith('code-') && !old.startsWith(version)) rmSync(join(CACHE_DIR, old), { force: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, file);
  } catch {
    // A read-only install only starts slower.
  }
}

/** Set by a run that checked the rule files (load/validate-rules.ts): its compiled code is not a typical run's. */
const CHECKED_RULES = Symbol.for('subsidy.checkedRules');

function runBundle({ file, version }: { file: string; version: string }): void {
  // The libraries only some commands need (zod, csv-parse, iconv-lite) stay in
  // node_modules, loaded by require when used: start-up reads a third of the bytes.
  // The bundle is ASCII (build-bundle.ts), so latin1 reads it as utf8 would, without
  // the utf8 decoder's extra copy.
  const { source, cachedData } = readBundle(file);
  const script = new Script(source, { filename: BUNDLE, cachedData });
  if (!cachedData || script.cachedDataRejected)
    process.once('exit', () => {
      if (!(globalThis as Record<symbol, unknown>)[CHECKED_RULES]) writeCache(script, file, version);
    });
  const fn = script.runInThisContext() as Wrapped;
  const mod = new Module(BUNDLE);
  mod.filename = BUNDLE;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(BUNDLE));
  const require = ((id: string) => mod.require(id)) as NodeRequire;
  fn.call(mod.exports, mod.exports, require, mod, BUNDLE, dirname(BUNDLE));
}

const cache = process.env.SUBSIDY_NO_BUNDLE ? undefined : cacheFile();
if (cache) runBundle(cache);
// Relative to dist/cli/ and to dist/bundle/ alike; the build keeps it out of the launcher's bundle (--external).
else void import('../cli/index.js');
