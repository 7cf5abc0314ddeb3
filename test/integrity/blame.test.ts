import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { HEAD, row, scratch } from './files.js';

// Class 10 of issue 14: messages that blame the wrong place. An option's value is the
// option's fault, a history value the history file's (and its line), an encoding message
// names the encoding actually tried. (Write failures: outputs.test.ts.)
const s = scratch('blame');
const seller = 'examples/lanxi-cross-border-seller.yaml';

describe('options', { timeout: 120_000 }, () => {
  it.each([
    ['--year ""', ['--year', ''], /^field --year: \[BAD_YEAR\]/m],
    ['--year 20x3', ['--year', '20x3'], /^field --year: \[BAD_YEAR\]/m],
    ['--region 火星', ['--region', '火星'], /^field --region: \[UNKNOWN_REGION\] unknown region: 火星/m],
    ['--region 兰西市 (a slip)', ['--region', '兰西市'], /^field --region: \[UNKNOWN_REGION\].*did you mean 兰溪市/m],
  ])('calc and batch %s: the option is named, not the input file', (_name, opt, message) => {
    const csv = s.write('in.csv', HEAD + row('A'));
    for (const args of [
      ['calc', seller, ...opt],
      ['batch', csv, ...opt],
    ]) {
      const r = cli([...args, '--lang', 'en']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/lanxi-cross-border-seller\.yaml|in\.csv/);
    }
  });
});

describe('a --history file', { timeout: 120_000 }, () => {
  it('a value that does not read is reported against the history file and its line, before the batch starts', () => {
    const hist = s.write('hist.csv', 'id,clause,field,value\r\nA,lanxi-2022/9,paid_total,5万\r\nA,lanxi-2022/3,years_paid,两年\r\n');
    const r = cli(['batch', s.write('rows.csv', HEAD + row('A') + row('B')), '--history', hist, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^.*hist\.csv:3:4, field history\.lanxi-2022\/3\.years_paid: \[BAD_VALUE\]/m);
    expect(r.stderr).not.toContain('rows.csv');
  });

  it('in YAML, with the line of the value', () => {
    // A clause whose award reads what was received before (a cumulative cap reads paid_total).
    const hist = s.write('hist.yaml', 'A:\n  lanxi-2022/9:\n    paid_total: 很多\n');
    const r = cli(['batch', s.write('rows2.csv', HEAD + row('A')), '--history', hist, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hist\.yaml:3:\d+, field history\.lanxi-2022\/9\.paid_total: \[BAD_VALUE\]/);
  });
});

describe('encodings: the message names the encoding that was tried', { timeout: 120_000 }, () => {
  it('a UTF-8 CSV with one bad byte on line 3 is a UTF-8 problem on line 3, not "not GBK"', () => {
    const good = Buffer.from(HEAD + row('A', '兰溪甲'));
    const bad = Buffer.concat([Buffer.from('B,兰溪'), Buffer.from([0xff]), Buffer.from('乙,兰溪市,2023,电商企业,100万,10万美元\r\n')]);
    const r = cli(['batch', s.write('bad-byte.csv', Buffer.concat([good, bad, Buffer.from(row('C', '兰溪丙'))])), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-byte\.csv:3: \[NOT_UTF8\] not valid UTF-8: line 3/);
    expect(r.stderr).not.toMatch(/GBK|GB18030/);
  });

  it('the same when the bad byte comes after the first 64 KiB', () => {
    let text = HEAD;
    for (let i = 0; i < 1500; i++) text += row(`E${i}`, `兰溪企业${i}`);
    const lines = text.split('\n').length;
    const bad = Buffer.concat([Buffer.from(text), Buffer.from('X,兰溪'), Buffer.from([0xc3]), Buffer.from('企业,兰溪市,2023,电商企业,1万,\r\n')]);
    const r = cli(['batch', s.write('late.csv', bad), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`late\\.csv:${lines}: \\[NOT_UTF8\\] not valid UTF-8: line ${lines}`));
  });

  it('a UTF-16 file (Excel "Unicode text", with or without its byte order mark) is named UTF-16, not binary data', () => {
    const text = HEAD.replace(/,/g, '\t') + row('A').replace(/,/g, '\t');
    const le = Buffer.from(text, 'utf16le');
    for (const [name, bytes] of [
      ['bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
      ['nobom.csv', le],
      ['bom.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('region: 兰溪市\nyear: 2023\n', 'utf16le')])],
    ] as const) {
      const r = cli([name.endsWith('.yaml') ? 'calc' : 'batch', s.write(name, bytes), '--lang', 'en']);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toContain('[ENCODING_UTF16] this is UTF-16 text: save it as UTF-8');
      expect(r.stderr, name).not.toContain('binary');
    }
  });
});
