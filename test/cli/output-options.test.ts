import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli as run, ROOT } from '../helpers/cli.js';
import { HOSTILE_JSONL } from '../helpers/hostile-batch.js';

const EXAMPLE = 'examples/lanxi-cross-border-seller.yaml';
const dir = mkdtempSync(join(tmpdir(), 'subsidy-out-'));
const BOM = '\uFEFF';

/** The CLI at a fixed time (SOURCE_DATE_EPOCH), so that two runs print the same provenance and can be compared byte for byte. */
const cli = (args: string[], input?: string) => run(args, input, { SOURCE_DATE_EPOCH: '1700000000' });

/** The report's own lines: not the provenance rows that close it (a blank row, then rows marked #). */
const own = (rows: string[][]) => rows.filter((row) => row.some(Boolean) && !row[0]!.startsWith('#'));

/** A whole CSV text as records; throws if anything in it is not CSV. */
const records = (text: string): string[][] => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false });

// The CLI runs each take a second or more on the shared build machine, often much more under load.
describe('calc output options', { timeout: 180000 }, () => {
  it('CSV starts with the BOM Excel needs, to stdout as to a file; --no-bom drops it; --out - is stdout', () => {
    const csv = cli(['calc', EXAMPLE, '--format', 'csv']);
    expect(csv.stdout.startsWith(BOM)).toBe(true);
    expect(cli(['calc', EXAMPLE, '--format', 'csv', '--no-bom']).stdout.startsWith('文件,')).toBe(true);
    expect(cli(['calc', EXAMPLE, '--format', 'csv', '--out', '-']).stdout).toBe(csv.stdout);
    const file = join(dir, 'one.csv');
    expect(cli(['calc', EXAMPLE, '--out', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(csv.stdout);
    expect(existsSync('-')).toBe(false);
  });

  it('--explain with CSV puts the working in a 计算过程 column: the file stays one CSV, row for row', () => {
    const plain = records(cli(['calc', EXAMPLE, '--format', 'csv']).stdout);
    const r = cli(['calc', EXAMPLE, '--format', 'csv', '--explain']);
    expect(r.code).toBe(0);
    const rows = records(r.stdout);
    expect(rows.length).toBe(plain.length);
    expect(rows[0]).toEqual([...plain[0]!, '计算过程']);
    const at = rows[0]!.indexOf('计算过程');
    const c8 = rows.find((row) => row[2] === '鼓励跨境电商发展')!;
    expect(c8[at]).toContain('1,200,000 美元 ≥ 1,000,000 美元 → 100,000');
    expect(c8[at]).toMatch(/原文（兰政办发〔2022〕3号 8）：“/);
    expect(own(rows).length).toBeGreaterThan(3);
    for (const row of own(rows).slice(1)) expect(row[at]!.length).toBeGreaterThan(0);
  });

  it('--explain with JSON keeps one JSON document, the working in each trace step', () => {
    const j = JSON.parse(cli(['calc', EXAMPLE, '--format', 'json', '--explain']).stdout);
    const c8 = j.policies.flatMap((p: { clauses: unknown[] }) => p.clauses).find((c: { id: string }) => c.id === 'lanxi-2022/8');
    expect(c8.trace.map((t: { text: string }) => t.text).join('\n')).toContain('1,200,000 美元 ≥ 1,000,000 美元 → 100,000');
  });

  it('advice never goes into a CSV or an HTML page: it goes to stderr', () => {
    const r = cli(['calc', EXAMPLE, '--format', 'csv', '--missing']);
    expect(records(r.stdout).length).toBe(records(cli(['calc', EXAMPLE, '--format', 'csv']).stdout).length);
    expect(r.stderr).toContain('缺失数据');
  });

  it('--out NAME.html writes the calculation sheet; --format html to stdout', () => {
    const file = join(dir, 'sheet.html');
    expect(cli(['calc', EXAMPLE, '--out', file]).code).toBe(0);
    const page = readFileSync(file, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    // The provenance in the header: tool, rules fingerprint, input hash, the (fixed) time; each document's status is in the row of documents.
    const j = JSON.parse(cli(['calc', EXAMPLE, '--format', 'json']).stdout);
    const row = (section: string) =>
      page.slice(page.indexOf(`<tr data-section="${section}">`), page.indexOf('</tr>', page.indexOf(`<tr data-section="${section}">`)));
    for (const text of [
      '规则指纹',
      j.provenance.rules.fingerprint.slice(0, 16),
      '输入文件指纹',
      j.provenance.inputs[0].sha256.slice(0, 16),
      '2023-11-14T22:13:20Z',
    ])
      expect(row('provenance')).toContain(text);
    for (const d of j.provenance.documents)
      expect(row('documents')).toMatch(new RegExp(`${d.title.replace(/[()（）]/g, '.')}[^<]*${d.status === 'draft' ? '征求意见稿' : '已施行'}`));
    expect(cli(['calc', EXAMPLE, '--format', 'html']).stdout).toBe(page);
  });
});

describe('template output', () => {
  it('--out - is stdout, as no --out is', () => {
    const r = cli(['template', '--out', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(cli(['template']).stdout);
    expect(existsSync('-')).toBe(false);
  });
});

// The CLI runs each take a second or more on the shared build machine, often much more under load.
describe('batch output options', { timeout: 180000 }, () => {
  const input = join(dir, 'hostile.jsonl');
  writeFileSync(input, HOSTILE_JSONL);

  it('--format without --out writes the report to stdout and only the totals to stderr', () => {
    const r = cli(['batch', input, '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith(BOM)).toBe(true);
    const rows = records(r.stdout);
    expect(
      new Set(
        own(rows)
          .slice(1)
          .map((row) => row[0]),
      ).size,
    ).toBe(5);
    expect(r.stdout).not.toContain('┌');
    expect(r.stderr).toContain('确定金额');
    expect(r.stderr).toContain('错误行 2');
  });

  it('--out - with --format jsonl: one JSON object per input row on stdout; --out - alone is a usage error', () => {
    const r = cli(['batch', input, '--out', '-', '--format', 'jsonl']);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.row)).toEqual([1, 2, 3, 4, 5, undefined]);
    expect(lines.at(-1).provenance.tool).toBe('subsidy');
    expect(existsSync('-')).toBe(false);
    const bare = cli(['batch', input, '--out', '-']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--format');
  });

  it('--format html --out DIR: a page per enterprise and index.html listing every input row; run twice into the same place', () => {
    const out = join(dir, 'pages');
    for (let run = 0; run < 2; run++) {
      const r = cli(['batch', input, '--out', out, '--format', 'html']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(join(out, 'index.html'));
    }
    const files = readdirSync(out).sort();
    expect(files).toEqual(['0001-LX-001.html', '0002-img-src-x-onerror-alert-1.html', '0005-HZ-1.html', 'index.html']);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const body = index.slice(index.indexOf('<tbody>', index.indexOf('class="enterprises"')));
    expect([...body.matchAll(/<tr( class="error")?><td class="num">(\d+)<\/td>/g)].map((m) => Number(m[2]))).toEqual([1, 2, 3, 4, 5]);
    for (const href of [...index.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]!)) expect(existsSync(join(out, href)), href).toBe(true);
    expect(index).toContain('UNKNOWN_REGION');
    // The portfolio's provenance names the input by its hash; each sheet has the rules fingerprint and the input hash too.
    const sha = createHash('sha256').update(readFileSync(input)).digest('hex').slice(0, 16);
    expect(index.slice(index.indexOf('data-section="provenance"'))).toContain(sha);
    for (const name of files.filter((f) => f !== 'index.html'))
      expect(readFileSync(join(out, name), 'utf8')).toMatch(new RegExp(`规则指纹[^<]*<[\\s\\S]*${sha}`));
    expect(index).toContain('BAD_VALUE');
    expect(index).not.toMatch(/<script|<img/);
  });

  it('--out DIR/ (or an existing directory) without --format writes the HTML pages', () => {
    const out = join(dir, 'pages-by-name') + '/';
    expect(cli(['batch', input, '--out', out]).code).toBe(1);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(cli(['batch', input, '--out', out.slice(0, -1)]).code).toBe(1);
  });

  it('--format html to a name ending in .html, or to stdout: one page with every sheet and the portfolio', () => {
    const file = join(dir, 'all.html');
    expect(cli(['batch', input, '--out', file]).code).toBe(1);
    const page = readFileSync(file, 'utf8');
    expect(cli(['batch', input, '--format', 'html']).stdout).toBe(page);
    expect(page.match(/<section class="sheet"/g)).toHaveLength(3);
    expect(page).toContain('<section class="portfolio" id="portfolio">');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s while the pages are written: the directory is left as it was', async (signal) => {
    const big = join(dir, 'big.csv');
    if (!existsSync(big)) spawnSync(process.execPath, ['bench/generate.js', '3000', big], { cwd: ROOT });
    const out = join(dir, `sig-${signal}`);
    mkdirSync(out);
    const child = spawn(process.execPath, ['bin/subsidy.js', 'batch', big, '--out', out, '--format', 'html'], {
      cwd: ROOT,
      env: { ...process.env, CI: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const pages = () =>
      readdirSync(out)
        .filter((n) => n.startsWith('.subsidy-html-'))
        .flatMap((n) => readdirSync(join(out, n)));
    const deadline = Date.now() + 60_000;
    while (pages().filter((n) => n.endsWith('.html')).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(pages().length, 'the run started writing pages').toBeGreaterThan(1);
    child.kill(signal);
    expect(await exited).toBe(128 + { SIGINT: 2, SIGTERM: 15 }[signal]);
    expect(readdirSync(out)).toEqual([]);
  });

  it('an input refused as a whole leaves no directory behind', () => {
    const bad = join(dir, 'no-header.csv');
    writeFileSync(bad, 'a,b\n1,2\n');
    const out = join(dir, 'never', 'pages');
    expect(cli(['batch', bad, '--out', out, '--format', 'html']).code).toBe(2);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('--format html onto an existing file that is not .html is refused, nothing written', () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'keep');
    const r = cli(['batch', input, '--out', file, '--format', 'html']);
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });
});
