import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvOptions, openCsv, recordLines, type CsvRecord } from '../../src/batch/read-csv.js';

/** Lines of the data rows as the one-thread reader gives them: the reference. */
async function streamed(text: string): Promise<number[]> {
  async function* one() {
    yield Buffer.from(text);
  }
  const { rows } = await openCsv(one(), 'x.csv');
  const out: number[] = [];
  for await (const r of rows) out.push(r.line);
  return out;
}

/** Lines as a batch worker works them out from a buffer held whole. */
function held(text: string, delimiter: string): number[] {
  const buf = Buffer.from(text);
  const records = parse(buf, { ...csvOptions(), record_delimiter: delimiter }) as unknown as CsvRecord[];
  return recordLines(buf, records).slice(1);
}

describe('recordLines (batch workers) gives the line each record starts on, as the stream reader does', () => {
  const cases: [string, string, string][] = [
    ['LF', '\n', 'h1,h2\na,b\n"x\ny",c\n\n# note\nd,e\n"p\n\nq",r\ns,t'],
    ['CRLF', '\r\n', 'h1,h2\r\na,b\r\n"x\r\ny",c\r\n\r\n#,note\r\nd,e\r\n'],
    ['CR only, with a line feed inside a cell', '\r', 'h1,h2\ra,b\r"x\ny",c\rd,e\r"1\n2\n3",f\rg,h\r'],
  ];
  for (const [name, delimiter, text] of cases)
    it(name, async () => {
      const expected = await streamed(text);
      expect(expected.length).toBeGreaterThan(2);
      expect(held(text, delimiter)).toEqual(expected);
    });
});
