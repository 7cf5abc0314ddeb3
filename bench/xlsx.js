#!/usr/bin/env node
// Times a batch read from an Excel workbook with an .xlsx report: `node bench/xlsx.js [N] [--runs R]`.
// N synthetic enterprises (bench/generate.js) are written as a workbook with exceljs (cells as
// the generator types them), then `subsidy batch in.xlsx --out report.xlsx` is timed, beside the
// same rows as CSV in and CSV out, R times in turns; prints medians. Asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const n = Number(args[0] ?? 1000);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'subsidy-bench-xlsx-'));
const csv = join(dir, 'in.csv');
execFileSync(process.execPath, [join(root, 'bench/generate.js'), String(n), csv]);
const rows = parse(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''), { relax_column_count: true });
const xlsx = join(dir, 'in.xlsx');
const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx });
const sheet = book.addWorksheet('企业');
for (const r of rows) sheet.addRow(r).commit();
sheet.commit();
await book.commit();

const bin = join(root, 'bin/subsidy.js');
const time = (input, out) => {
  rmSync(join(dir, out), { recursive: true, force: true });
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, 'batch', input, '--out', join(dir, out), '--limit', '0'], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
// A directory as --out: a calculation sheet (HTML) per enterprise and index.html.
const cases = [
  ['xlsx → xlsx', xlsx, 'r.xlsx'],
  ['xlsx → html', xlsx, 'pages/'],
  ['xlsx → csv', xlsx, 'r.csv'],
  ['csv → xlsx', csv, 'r2.xlsx'],
  ['csv → csv', csv, 'r2.csv'],
];
const size = (p) =>
  statSync(p).isDirectory()
    ? `${readdirSync(p).length} pages, ${(readdirSync(p).reduce((a, f) => a + statSync(join(p, f)).size, 0) / 1024).toFixed(0)} KiB`
    : `${(statSync(p).size / 1024).toFixed(0)} KiB`;
const times = cases.map(() => []);
for (let i = 0; i < runs; i++) cases.forEach(([, input, out], k) => times[k].push(time(input, out)));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `${n} enterprises, ${rows[0].length} columns; workbook ${(statSync(xlsx).size / 1024).toFixed(0)} KiB, CSV ${(statSync(csv).size / 1024).toFixed(0)} KiB; ${runs} runs`,
);
cases.forEach(([name, , out], k) =>
  console.log(
    `${name.padEnd(12)} median ${(median(times[k]) / 1000).toFixed(2)} s  (${times[k].map((t) => (t / 1000).toFixed(2)).join(', ')})  report ${size(join(dir, out))}`,
  ),
);
