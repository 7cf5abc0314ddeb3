import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenCopy, edit, lintInProcess, run } from '../helpers/broken-rules.js';
import { ROOT } from '../helpers/cli.js';

/** What lint rejects, every command that loads rules refuses, with lint's own message (exit 2). */
describe('one validation for every command', () => {
  const copy = brokenCopy([
    edit(
      'policies/hangzhou-ecommerce-2022.yaml',
      'shares: [{ level: local, share: 75% }, { level: city, share: 25% }]',
      'shares: [{ level: local, share: 60% }, { level: city, share: 30% }]',
    ),
  ]);
  const lint = lintInProcess(copy.dir);
  const message = lint.lines.find((l) => l.includes('[RULE_SHARES_SUM]'))!;

  it('lint reports it', () => {
    expect(lint.code).toBe(1);
    expect(message).toMatch(/hangzhou-ecommerce-2022\.yaml:\d+:\d+, field fiscal\.rules\.0\.shares: \[RULE_SHARES_SUM\] shares add up to 90%/);
  });

  it.each([
    ['calc', ['calc', 'examples/lanxi-cross-border-seller.yaml']],
    ['batch', ['batch', 'examples/batch/enterprises.csv']],
    ['test', ['test', 'examples']],
    ['template', ['template']],
    ['rules list', ['rules', 'list']],
  ])(
    '%s refuses the set with exit 2 and the same message',
    async (_name, args) => {
      const r = await run([...args, '--rules', copy.dir]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')).toContain(message);
    },
    60_000,
  );

  it('ask (in a terminal, through script(1)) refuses it too', () => {
    const cmd = `${process.execPath} ${join(ROOT, 'bin', 'subsidy.js')} ask --rules ${copy.dir} --lang en`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: '0', NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(r.error, 'script(1) from util-linux is needed to give ask a terminal').toBeUndefined();
    expect(r.status, r.stdout).toBe(2);
    expect(r.stdout.replace(/\r/g, '').split('\n')).toContain(message);
  }, 60_000);
});
