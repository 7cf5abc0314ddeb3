import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, ROOT } from '../helpers/cli.js';
import { isSubsidyError } from '../../src/errors/subsidy-error.js';
import { offerSave } from '../../src/interview/save-answers.js';
import { loadRules } from '../../src/load/load-rules.js';
import { fakePrompts } from '../interview/fake-prompts.js';
import { HEAD, row, scratch } from './files.js';

// Class 6 of issue 14: inputs and special files overwritten, temporary files left behind,
// and write failures reported as read failures.
const s = scratch('outputs');
const input = () => s.write(`in-${Math.random().toString(36).slice(2)}.csv`, HEAD + row('A') + row('B'));
const tmpLeft = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

/** A character device node to write at: made in the scratch folder (we may be root: never /dev/null itself). */
function deviceNode(): string {
  if (process.getuid?.() === 0) {
    const p = s.path(`null-${Math.random().toString(36).slice(2)}`);
    execFileSync('mknod', [p, 'c', '1', '3']);
    return p;
  }
  return '/dev/null'; // not root: the system cannot let this run replace it, so trying is harmless
}

describe('never write over an input', { timeout: 120_000 }, () => {
  it('`batch - --out my.csv < my.csv`: stdin is the output file; refused, the file unchanged', () => {
    const f = input();
    const before = readFileSync(f);
    const fd = openSync(f, 'r');
    try {
      const r = spawnSync(process.execPath, [BIN, 'batch', '-', '--out', f, '--lang', 'en'], {
        cwd: ROOT,
        stdio: [fd, 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 60000,
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain('[OUTPUT_IS_INPUT]');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(f).equals(before)).toBe(true);
  });

  it('--out, --junit and template --out into the rule directory (given, shipped, or through a link) are refused', () => {
    const rules = s.path('rules-copy');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const policy = join(rules, 'policies', 'lanxi-2022.yaml');
    const before = readFileSync(policy);
    symlinkSync(join(rules, 'policies'), s.path('policies-link'));
    const runs = [
      ['batch', input(), '--rules', rules, '--out', policy, '--format', 'csv'],
      ['batch', input(), '--rules', rules, '--out', join(s.path('policies-link'), 'report.csv')],
      ['batch', input(), '--out', join(ROOT, 'rules', 'report.csv')],
      ['test', 'examples/lanxi-cross-border-seller.yaml', '--rules', rules, '--junit', join(rules, 'junit.xml')],
      ['template', '--rules', rules, '--out', join(rules, 'facts', 'template.csv')],
    ];
    for (const args of runs) {
      const r = cli([...args, '--lang', 'en']);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toContain('[OUTPUT_PROTECTED]');
    }
    expect(readFileSync(policy).equals(before)).toBe(true);
    expect(existsSync(join(ROOT, 'rules', 'report.csv'))).toBe(false);
    expect(readdirSync(join(rules, 'policies')).filter((n) => !n.endsWith('.yaml'))).toEqual([]);
  });

  it('a target that exists and is not a regular file (device, FIFO, directory) is refused by batch, test and template', () => {
    const fifo = s.path('fifo');
    execFileSync('mkfifo', [fifo]);
    const dir = s.path('a-dir');
    mkdirSync(dir);
    for (const target of [deviceNode(), fifo, dir]) {
      const kind = statSync(target).mode;
      for (const args of [
        ['batch', input(), '--out', target, '--format', 'csv'],
        ['test', 'examples/lanxi-cross-border-seller.yaml', '--junit', target],
        ['template', '--out', target, '--force'],
      ]) {
        const r = cli([...args, '--lang', 'en']);
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
        expect(r.stderr).toContain('[OUTPUT_NOT_FILE]');
        expect(statSync(target).mode).toBe(kind);
      }
    }
  });

  it('template --out does not replace an existing file (a filled-in template) without --force', () => {
    const f = s.write('filled.csv', 'my filled-in data\n');
    const r = cli(['template', '--out', f, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[OUTPUT_EXISTS\].*--force/);
    expect(readFileSync(f, 'utf8')).toBe('my filled-in data\n');
    expect(cli(['template', '--out', f, '--force']).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toContain('#说明');
  });
});

describe('temporary files go with the run', { timeout: 120_000 }, () => {
  /** A CSV big enough that its batch is still running when the signal comes. */
  const big = (() => {
    let text = HEAD;
    for (let i = 0; i < 20000; i++) text += row(`E${i}`);
    return s.write('big.csv', text);
  })();

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s while the report is written: no temporary file stays, no report appears',
    async (signal) => {
      const dir = s.path(`sig-${signal}`);
      mkdirSync(dir);
      const out = join(dir, 'report.csv');
      const child = spawn(process.execPath, [BIN, 'batch', big, '--out', out], {
        cwd: ROOT,
        env: { ...process.env, SUBSIDY_BATCH_WORKERS: '0', CI: '1' },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const deadline = Date.now() + 60_000;
      while (!tmpLeft(dir).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(tmpLeft(dir), 'the run started writing').toHaveLength(1);
      child.kill(signal);
      const code = await exited;
      expect(code).toBe(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal]);
      expect(readdirSync(dir)).toEqual([]);
    },
    90_000,
  );

  it('one left by a run that was killed outright (its process is gone) is removed by the next run to that target', () => {
    const dir = s.path('stale');
    mkdirSync(dir);
    // A pid above the kernel's limit can belong to no process.
    const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
    writeFileSync(join(dir, `.report.csv.${pidMax + 1}.tmp`), 'half a report');
    writeFileSync(join(dir, `.report.csv.${process.pid}.tmp`), 'a live run');
    expect(cli(['batch', input(), '--out', join(dir, 'report.csv')]).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([`.report.csv.${process.pid}.tmp`, 'report.csv']);
  });
});

describe('a write that fails is a write failure naming the path', { timeout: 120_000 }, () => {
  it.each([
    ['a missing directory', () => s.path('no/such/dir/report.csv'), 'the directory does not exist'],
    ['a path through a file', () => join(input(), 'report.csv'), 'not a directory'],
  ])('%s', (_name, target, why) => {
    const t = target();
    for (const args of [
      ['batch', input(), '--out', t],
      ['test', 'examples/lanxi-cross-border-seller.yaml', '--junit', t],
      ['template', '--out', t],
    ]) {
      const r = cli([...args, '--lang', 'en']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`[FILE_UNWRITABLE] cannot write file: ${t} (`);
      expect(r.stderr).toContain(why);
      expect(r.stderr).not.toContain('read');
    }
    const zh = cli(['template', '--out', t]);
    expect(zh.stderr).toMatch(/无法写入文件/);
    expect(zh.stderr).not.toMatch(/读取/);
  });
});

describe('the interview saves its answers under the same guard', { timeout: 120_000 }, () => {
  it('a path inside the rule directory it was started with is refused, and nothing is written there', async () => {
    const rules = s.path('rules-for-ask');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const set = await loadRules(rules);
    const { prompts } = fakePrompts(set, { region: '兰溪市', facts: {}, save: { path: join(rules, 'answers.yaml') } });
    const answers = { region: '330781', year: 2023, given: new Map<string, string>(), skipped: [] };
    expect(await thrownCodeAsync(() => offerSave(prompts, set, answers, 'zh', () => undefined))).toBe('OUTPUT_PROTECTED');
    expect(existsSync(join(rules, 'answers.yaml'))).toBe(false);
  });
});

async function thrownCodeAsync(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
    return undefined;
  } catch (e) {
    if (!isSubsidyError(e)) throw e;
    return e.findings[0]!.code;
  }
}
