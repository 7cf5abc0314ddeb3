import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { HEAD, jsonl, row, scratch } from './files.js';

// Class 2 of issue 14: rows dropped as comments. Only the template's own #说明 row is not data;
// a cell holding an Excel error value is an error naming the cell, wherever it is.
const s = scratch('hash');
const EXCEL = ['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#GETTING_DATA', '#SPILL!', '#CALC!'];

function batch(name: string, text: string, extra: string[] = []) {
  const out = s.path(`${name}.out.jsonl`);
  const r = cli(['batch', s.write(name, text), '--out', out, '--lang', 'en', ...extra]);
  return { ...r, rows: jsonl(out) };
}

describe('# is data', { timeout: 120_000 }, () => {
  it('a row whose first cell starts with # is a row (an error row when its id is an Excel error), not a comment', () => {
    const r = batch('hash.csv', HEAD + '#说明,the template notes row\r\n' + row('#1') + row('#N/A') + row('E3'));
    expect(r.rows.map((x) => [x.line, x.enterprise.id ?? null, x.errors?.[0]?.code ?? 'ok'])).toEqual([
      [3, '#1', 'ok'],
      [4, null, 'CELL_ERROR'],
      [5, 'E3', 'ok'],
    ]);
  });

  it.each(EXCEL)('%s in the id, name, region, year, a fact or a history column: an error naming that cell', (value) => {
    const head = '企业编号,企业名称,地区,年度,线上销售额（网络零售额）,history.lanxi-2022/8.years_paid\r\n';
    const cells = ['E', '企业', '兰溪市', '2023', '100万', '1'];
    const lines = cells.map((_, k) => cells.map((c, j) => (j === k ? value : j === 0 ? `E${k}` : c)).join(',') + '\r\n');
    const r = batch('excel.csv', head + lines.join(''));
    expect(r.code).toBe(1);
    expect(r.rows).toHaveLength(cells.length);
    r.rows.forEach((x, k) => {
      expect(x.errors?.[0], `cell ${k + 1}`).toMatchObject({ code: 'CELL_ERROR', column: k + 1 });
      expect(x.errors![0]!.message).toContain(value);
    });
    expect(r.stderr).toMatch(
      new RegExp(`excel\\.csv:2:1, row 1, field 企业编号: \\[CELL_ERROR\\] the cell holds the spreadsheet error value ${value.replace(/[?!/]/g, '\\$&')}`),
    );
  });

  it('in JSON Lines records and in a history file', () => {
    const r = batch(
      'excel.jsonl',
      [{ id: '#N/A' }, { name: '#VALUE!' }, { facts: { online_sales: '#DIV/0!' } }]
        .map((x) => JSON.stringify({ id: 'A', region: '兰溪市', year: 2023, ...x }))
        .join('\n') + '\n',
    );
    expect(r.rows.map((x) => [x.errors?.[0]?.code, x.errors?.[0]?.field])).toEqual([
      ['CELL_ERROR', 'id'],
      ['CELL_ERROR', 'name'],
      ['CELL_ERROR', 'facts.online_sales'],
    ]);
    const hist = s.write('hist.csv', 'id,clause,field,value\r\nA,lanxi-2022/8,paid_total,#REF!\r\n');
    const h = cli(['batch', s.write('a.csv', HEAD + row('A')), '--history', hist, '--lang', 'en']);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/hist\.csv:2:4: \[CELL_ERROR\] .*#REF!/);
  });

  it("the template's own notes row is still skipped, and its sample row evaluates", () => {
    const tpl = s.path('template.csv');
    expect(cli(['template', '--out', tpl]).code).toBe(0);
    const r = cli(['batch', tpl, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Enterprises 1, Error rows 0');
  });
});
