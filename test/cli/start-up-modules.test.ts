import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

// `calc` printing a table loads none of node:crypto, node:tty, node:net, node:stream, node:os:
// together some 15 ms of a start (README, Benchmarks > Start-up). The input's hash is taken
// only for outputs that show it, the rule files' hashes are remembered (src/load/rule-fingerprint.ts),
// stdout is written without process.stdout when it is not a terminal (src/cli/stdout.ts), and
// the bundle's chalk asks no terminal questions (src/cli/build-bundle.ts).

const TRACE = './test/cli/fixtures/trace-builtins.cjs';
const EXAMPLE = 'examples/lanxi-cross-border-seller.yaml';
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['-r', TRACE, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
const builtins = (stderr: string) => /BUILTINS (.*)/.exec(stderr)?.[1]?.split(',').filter(Boolean);

describe('what a calc loads from Node', () => {
  it('the trace sees the modules when they are loaded (control)', () => {
    expect(builtins(run(['-e', "require('node:crypto'); require('node:tty'); process.stdout.write('')"]).stderr)).toEqual(
      expect.arrayContaining(['crypto', 'tty']),
    );
  });

  it('a table to a pipe: no crypto, tty, net, stream or os', () => {
    // The first run may hash the rule files and remember them; the second trusts the memo.
    run([BIN, 'calc', EXAMPLE]);
    const r = run([BIN, 'calc', EXAMPLE]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('规则指纹');
    expect(builtins(r.stderr)).toEqual([]);
  });

  it('JSON shows the input hash: taken then, and it is the hash of the bytes', () => {
    const r = run([BIN, 'calc', EXAMPLE, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(builtins(r.stderr)).toContain('crypto');
    const json = JSON.parse(r.stdout) as { provenance: { inputs: { sha256: string }[] } };
    expect(json.provenance.inputs[0]!.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(`${ROOT}/${EXAMPLE}`))
        .digest('hex'),
    );
  });

  it('on a terminal (a real one, by script(1)): coloured and sized as a terminal, like process.stdout would say', () => {
    const r = spawnSync('script', ['-qec', `COLUMNS=100 "${process.execPath}" "${BIN}" calc ${EXAMPLE}`, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', SUBSIDY_COLUMNS: '' },
      timeout: 60000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('\u001b[');
    const widest = Math.max(
      ...r.stdout
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split(/\r?\n/)
        .map((l) => [...l].length),
    );
    expect(widest).toBeLessThanOrEqual(100);
  });

  it('a reader that has gone before the output: the command exits 0 quietly, help included', () => {
    for (const args of [['calc', EXAMPLE, '--explain', '--all'], ['--help'], ['rules', 'list']]) {
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} | head -c 0; exit \${PIPESTATUS[0]}`], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60000,
      });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr, args.join(' ')).toBe('');
    }
  });

  // Both found by review: the batch report on stdout wrote to process.stdout with no handler, and
  // the quiet end ran before the command had returned its exit code.
  const piped = (command: string) =>
    spawnSync('bash', ['-c', `${command} | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });

  it('a batch report on stdout larger than a pipe holds, its reader gone after 100 bytes: exit 0, nothing on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-stdout-'));
    const [head, ...rows] = readFileSync(`${ROOT}/examples/batch/enterprises.csv`, 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'big.csv'), [head, ...Array.from({ length: 200 }, () => rows).flat()].join('\n') + '\n');
    for (const workers of ['0', '2']) {
      const r = piped(`SUBSIDY_BATCH_WORKERS=${workers} "${process.execPath}" "${BIN}" batch ${join(dir, 'big.csv')} --format csv`);
      expect(r.status, `workers ${workers}: ${r.stderr}`).toBe(0);
      expect(r.stderr, `workers ${workers}`).toBe('');
    }
  });

  it('a reader gone early does not turn a failed command into a success (`subsidy test | head` with a failing case)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-cases-'));
    for (const name of ['lanxi-cross-border-seller.yaml', 'lanxi-platform-operator.yaml']) copyFileSync(`${ROOT}/examples/${name}`, join(dir, name));
    const file = join(dir, 'lanxi-cross-border-seller.yaml');
    const text = readFileSync(file, 'utf8');
    const wrong = text.replace(/(lanxi-2022\/8: \{ status: eligible, amount: )100000\.00/, '$1100001.00');
    expect(wrong).not.toBe(text);
    writeFileSync(file, wrong);
    expect(piped(`"${process.execPath}" "${BIN}" test ${dir}`).status).toBe(1);
  });

  it('stdout on a full device: the user is told the output could not be written (exit 2), no stack trace', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" calc ${EXAMPLE} >/dev/full`], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('[FILE_UNWRITABLE]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
