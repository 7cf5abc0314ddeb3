import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The CLI under test. SUBSIDY_TEST_BIN points the tests at another build (say, one of
 * the main branch) to check that a new test fails there: it is never set by npm test.
 */
export const BIN = process.env.SUBSIDY_TEST_BIN ?? fileURLToPath(new URL('../../bin/subsidy.js', import.meta.url));

/** Runs the built CLI (npm test builds first) and returns what a user would see. */
export function cli(args: string[], input?: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
