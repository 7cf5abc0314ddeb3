import { execFile, spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parse as parseCsv } from 'csv-parse/sync';
import { ERROR_CODES } from '../../src/errors/codes.js';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { ROOT } from '../helpers/cli.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BIN = join(ROOT, 'bin', 'subsidy.js');

interface RulesEdit {
  file: string;
  find?: string;
  replace?: string;
  truncate_after?: string;
  write?: string;
  encoding?: 'gbk';
  delete?: boolean;
}

interface CorpusCase {
  id: string;
  command: 'calc' | 'lint' | 'test' | 'batch';
  file?: string;
  rules?: RulesEdit;
  regime?: string;
  junit?: 'self';
  out?: 'self';
  exit: number;
  code: string;
  line?: number | 'edit' | 'none';
  line_offset?: number;
  field?: string;
  row?: number;
  mentions?: string[];
}

const CASES = (parse(readFileSync(join(HERE, 'cases.yaml'), 'utf8')) as { cases: CorpusCase[] }).cases;

/** A copy of rules/ with one file edited; returns the copy and the 1-based line where the edit starts. */
function brokenRules(edit: RulesEdit): { dir: string; line?: number } {
  const dir = mkdtempSync(join(tmpdir(), 'subsidy-corpus-rules-'));
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  const file = join(dir, edit.file);
  if (edit.delete) return (rmSync(file), { dir });
  const text = readFileSync(file, 'utf8');
  const lineAt = (i: number) => text.slice(0, i).split('\n').length;
  const at = edit.find ?? edit.truncate_after;
  const i = at === undefined ? -1 : text.indexOf(at);
  if (at !== undefined && i < 0) throw new Error(`corpus edit: "${at}" not found in ${edit.file}`);
  let out: string | Buffer = text;
  if (edit.find !== undefined) out = text.replace(edit.find, edit.replace ?? '');
  else if (edit.truncate_after !== undefined) out = text.slice(0, i + edit.truncate_after.length);
  else if (edit.write !== undefined) out = edit.write;
  if (edit.encoding === 'gbk') out = iconv.encode(out as string, 'gbk');
  writeFileSync(file, out);
  return { dir, line: i >= 0 ? lineAt(i) : undefined };
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, '--lang', 'en'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** Builds the command line for a case; also returns the file the message must name, the edit's line and the JUnit path. */
function prepare(c: CorpusCase) {
  const work = mkdtempSync(join(tmpdir(), 'subsidy-corpus-'));
  const rules = c.rules ? brokenRules(c.rules) : undefined;
  let file = c.file ? join(HERE, c.file) : undefined;
  if (c.junit === 'self' && file) copyFileSync(file, (file = join(work, basename(file))));
  if (c.out === 'self' && file) copyFileSync(file, (file = join(work, basename(file))));
  const junit = c.junit === 'self' ? file! : join(work, 'out.xml');
  const out = c.out === 'self' ? file! : join(work, 'report.csv');
  const common = [...(rules ? ['--rules', rules.dir] : []), ...(c.regime ? ['--regime', join(HERE, c.regime)] : [])];
  const args =
    c.command === 'lint'
      ? ['rules', 'lint', ...common]
      : c.command === 'test'
        ? ['test', file!, '--junit', junit, ...common]
        : c.command === 'batch'
          ? ['batch', file!, '--out', out, ...common]
          : [c.command, file!, ...common];
  const named = c.rules ? basename(c.rules.file) : c.regime ? basename(c.regime) : basename(file!);
  const self = c.junit === 'self' ? junit : c.out === 'self' ? out : undefined;
  return { args, named, editLine: rules?.line, junit, out, self, before: self ? readFileSync(self) : undefined };
}

const STACK = /\n\s+at .*:\d+:\d+/;

/** A batch report: absent when the input as a whole was refused (exit 2), else a whole CSV with every error row in it. */
function expectCompleteOrNone(file: string, exit: number, why: string): void {
  if (exit === 2) return void expect(existsSync(file), `${why}\nreport written`).toBe(false);
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n'), `${why}\nreport cut short`).toBe(true);
  const rows = parseCsv(text, { bom: true }) as string[][];
  expect(rows.length, why).toBeGreaterThan(1);
  expect(new Set(rows.map((r) => r.length)).size, `${why}\nragged report`).toBe(1);
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the bad-input corpus (test/corpus/cases.yaml)', () => {
  it('the manifest is well formed: unique ids, known codes, every listed file exists', () => {
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    for (const c of CASES) {
      expect(ERROR_CODES, c.id).toContain(c.code);
      expect(c.exit, c.id).toBeGreaterThan(0);
      for (const f of [c.file, c.regime]) if (f) expect(existsSync(join(HERE, f)), `${c.id}: ${f}`).toBe(true);
    }
  });

  it.concurrent.each(CASES.map((c) => [c.id, c] as const))(
    '%s',
    async (_id, c) => {
      const p = prepare(c);
      const r = await run(p.args);
      const why = `${c.id}: subsidy ${p.args.join(' ')}\n${r.stderr}`;
      expect(r.code, why).toBe(c.exit);
      expect(r.stderr, why).not.toMatch(STACK);
      expect(r.stderr, why).not.toContain('internal error');
      if (c.exit === 2) expect(r.stdout, why).toBe('');
      // One message carries it all: the file, the line, the field and the code.
      const withCode = r.stderr.split('\n').filter((l) => l.includes(`[${c.code}]`));
      const message = withCode.find((l) => !c.field || l.includes(`field ${c.field}: [`)) ?? withCode[0];
      expect(message, why).toBeDefined();
      expect(message, why).toContain(p.named);
      const line = c.line === 'edit' ? p.editLine! + (c.line_offset ?? 0) : c.line;
      if (typeof line === 'number') expect(message, why).toMatch(new RegExp(`${escapeRe(p.named)}:${line}\\b`));
      else if (line === undefined) expect(message, why).toMatch(new RegExp(`${escapeRe(p.named)}:\\d+`));
      if (c.field) expect(message, why).toContain(`field ${c.field}: [`);
      if (c.row !== undefined) expect(message, why).toMatch(new RegExp(`, row ${c.row}[,:]`));
      for (const m of c.mentions ?? []) expect(message, why).toContain(m);
      if (c.command === 'test' && c.junit !== 'self') expect(existsSync(p.junit), `${c.id}: JUnit file written`).toBe(false);
      if (c.command === 'batch' && c.out !== 'self') expectCompleteOrNone(p.out, c.exit, why);
      if (p.before) expect(readFileSync(p.self!).equals(p.before), `${c.id}: input overwritten`).toBe(true);
      // As long as the run itself may take (execFile's timeout): a hundred runs at once on a busy machine.
    },
    60_000,
  );
});

describe('hostile surroundings beyond the manifest', () => {
  it('a dangling link named *.yaml in a case folder: exit 2, FILE_NOT_FOUND naming it', async () => {
    const d = mkdtempSync(join(tmpdir(), 'subsidy-corpus-link-'));
    copyFileSync(join(HERE, 'cases', 'valid.yaml'), join(d, 'a.yaml'));
    symlinkSync(join(d, 'gone.yaml'), join(d, 'b.yaml'));
    const r = await run(['test', d, '--junit', join(d, 'out.xml')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/b\.yaml.*\[FILE_NOT_FOUND\]/);
    expect(r.stderr).not.toMatch(STACK);
    expect(existsSync(join(d, 'out.xml'))).toBe(false);
  });

  it('a reader that has gone (`subsidy calc … | head -0`): output ends quietly, no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'calc', 'examples/lanxi-cross-border-seller.yaml', '--explain', '--all', '--format', 'json'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.destroy(); // the reader is gone before the first write
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(STACK);
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
