import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { checkRules } from '../../src/load/validate-rules.js';
import { formatFinding } from '../../src/i18n/format-error.js';
import { ROOT } from './cli.js';

/** One change to a copy of rules/: replace the first occurrence of `find`, delete a file or folder, or write a file. */
export interface Edit {
  file: string;
  find?: string;
  replace?: string;
  delete?: boolean;
  write?: string;
}

export const edit = (file: string, find: string, replace: string): Edit => ({ file, find, replace });

/** A copy of rules/ with the edits made; the line where the first edit starts. */
export function brokenCopy(edits: Edit[]): { dir: string; file: string; line?: number } {
  const dir = mkdtempSync(join(tmpdir(), 'subsidy-lint-'));
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  let line: number | undefined;
  for (const e of edits) {
    const file = join(dir, e.file);
    if (e.delete) rmSync(file, { recursive: true });
    else if (e.write !== undefined) mkdirSync(join(file, '..'), { recursive: true }), writeFileSync(file, e.write);
    else {
      const text = readFileSync(file, 'utf8');
      const i = text.indexOf(e.find!);
      if (i < 0) throw new Error(`"${e.find}" not found in ${e.file}`);
      line ??= text.slice(0, i).split('\n').length;
      writeFileSync(file, text.slice(0, i) + e.replace + text.slice(i + e.find!.length));
    }
  }
  return { dir, file: join(dir, edits[0]?.file ?? ''), line };
}

export function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin', 'subsidy.js'), ...args, '--lang', 'en'],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** What `subsidy rules lint --lang en` prints on stderr and its exit code, worked out in-process by the same functions. */
export function lintInProcess(dir: string, regime?: string): { code: number; lines: string[] } {
  const { findings } = checkRules(dir, regime);
  return { code: findings.length ? 1 : 0, lines: findings.map((f) => formatFinding(f, 'en')) };
}
