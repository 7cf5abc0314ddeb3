import { describe, expect, it } from 'vitest';
import { openCsv, rowsOf } from '../../src/batch/read/read-csv.js';
import { RecordSplitter } from '../../src/batch/read/split-records.js';

/** Lines of the data rows as the one-thread reader gives them, fed a few bytes at a time. */
async function streamed(text: string, size = 3): Promise<number[]> {
  async function* feeds() {
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
  }
  const { rows } = await openCsv(feeds(), 'x.csv');
  const out: number[] = [];
  for await (const r of rows) out.push(r.line);
  return out;
}

/** Lines as a batch worker finds them: the text split from a cut the planner chose, with the header known. */
function held(text: string, cutAtLine: number): number[] {
  const buf = Buffer.from(text);
  const whole = new RecordSplitter();
  const pieces = [...whole.feed(buf).pieces, ...whole.finish().pieces];
  const header = pieces.find((p) => p.kind === 'header')!;
  const cut = pieces.find((p) => p.line >= cutAtLine && p.start >= header.end)!;
  const first = new RecordSplitter();
  const before = [...rowsOf(first.feed(buf.subarray(0, cut.start)), 'x.csv'), ...rowsOf(first.finish(), 'x.csv')];
  const rest = new RecordSplitter(whole.headerColumns, cut.line);
  const after = [...rowsOf(rest.feed(buf.subarray(cut.start)), 'x.csv'), ...rowsOf(rest.finish(), 'x.csv')];
  return [...before, ...after].map((r) => r.line);
}

describe('the line each row starts on: the same from the stream reader and from a worker chunk', () => {
  const cases: [string, string, number[]][] = [
    ['LF', 'h1,h2\na,b\n"x\ny",c\n\n#说明\nd,e\n"p\n\nq",r\ns,t', [2, 3, 7, 8, 11]],
    ['CRLF', 'h1,h2\r\na,b\r\n"x\r\ny",c\r\n\r\n#说明,note\r\nd,e\r\n', [2, 3, 7]],
    ['CR only, with a line feed inside a cell', 'h1,h2\ra,b\r"x\ny",c\rd,e\r"1\n2\n3",f\rg,h\r', [2, 3, 5, 6, 9]],
    ['mixed CRLF, LF and CR rows, as a file edited in two editors', 'h1,h2\r\na,b\nc,d\re,f\r\n"g\nh",i\nj,k\r\n', [2, 3, 4, 5, 7]],
    ['a stray quote costs its own line only', 'h1,h2\r\na,b\r\n"c,d\r\ne,f\r\ng,"h"i\r\nj,k\r\n', [2, 3, 4, 5, 6]],
  ];
  for (const [name, text, lines] of cases)
    it(name, async () => {
      expect(await streamed(text)).toEqual(lines);
      expect(await streamed(text, 1 << 20)).toEqual(lines);
      for (const cut of lines) expect(held(text, cut), `cut at line ${cut}`).toEqual(lines);
    });
});
