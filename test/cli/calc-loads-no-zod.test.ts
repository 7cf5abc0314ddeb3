import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const TRACE = './test/cli/fixtures/trace-require.cjs';
const run = (args: string[]) =>
  spawnSync(process.execPath, ['-r', TRACE, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30000 });

/**
 * Reading input (labels, aliases, history) must not pull the zod schemas into
 * `calc`: the bundle keeps zod out so that start-up stays short (README, Start-up).
 */
describe('calc does not load zod', () => {
  it('the hook sees zod when it is loaded (control)', () => {
    expect(run(['-e', "require('zod')"]).stderr).toContain('REQUIRE zod');
  });
  it('calc on an example with history and choices written as labels', () => {
    // Run twice: the first run may validate the rules (zod) and fill the cache.
    run(['bin/subsidy.js', 'calc', 'examples/jinyun-2025-rent-honour-upgrade.yaml']);
    const r = run(['bin/subsidy.js', 'calc', 'examples/jinyun-2025-rent-honour-upgrade.yaml']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('REQUIRE zod');
  });
});
