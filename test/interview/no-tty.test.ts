import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const BIN = 'bin/subsidy.js';
const TRACE = './test/interview/fixtures/trace-imports.mjs';

/** Runs the built CLI with stdin from /dev/null (no terminal), timing it. */
function run(args: string[], nodeArgs: string[] = [], env: Record<string, string> = {}) {
  const devnull = openSync('/dev/null', 'r');
  const started = Date.now();
  try {
    const r = spawnSync(process.execPath, [...nodeArgs, ...args], {
      cwd: ROOT,
      stdio: [devnull, 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
      timeout: 10000,
    });
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
  } finally {
    closeSync(devnull);
  }
}

describe('ask without a terminal', () => {
  it('`subsidy ask </dev/null` exits 2 within a second, pointing to file input', () => {
    const r = run([BIN, 'ask']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(1000);
    expect(r.stderr).toContain('[NO_TTY]');
    expect(r.stderr).toContain('subsidy calc <文件>');
    expect(r.stderr).toContain('subsidy template');
    expect(r.stdout).toBe('');
  });

  it('in English, and for `calc --interactive` too', () => {
    const en = run([BIN, 'ask', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/NO_TTY.*needs a terminal.*subsidy calc <file>/);
    const calc = run([BIN, 'calc', '--interactive']);
    expect(calc.code).toBe(2);
    expect(calc.stderr).toContain('[NO_TTY]');
  });

  it('does not even load the prompt library (checked with an import hook that does see it when it is loaded)', () => {
    const control = run(['--input-type=module', '-e', "await import('@inquirer/prompts')"], ['--import', TRACE]);
    expect(control.stderr).toContain('IMPORT @inquirer/prompts');
    const r = run([BIN, 'ask'], ['--import', TRACE]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('IMPORT @inquirer');
  });

  it('calc still needs a file when not interactive', () => {
    const r = run([BIN, 'calc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/USAGE.*--interactive/);
  });
});
