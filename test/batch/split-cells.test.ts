import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvOptions, rowsOf, type RawRow } from '../../src/batch/read/read-csv.js';
import { cellsOfLine, lineText } from '../../src/batch/read/split-cells.js';
import { NOTES_MARK, RecordSplitter, type Piece, type Split } from '../../src/batch/read/split-records.js';

// The batch reads the cells of a one-line record itself (split-cells.ts) instead of asking
// csv-parse again. csv-parse stays the reference: for every record the splitter accepts,
// both must give the same cells, and the rows of a split must be what csv-parse makes of them.

/** Text of a cell as people and spreadsheets write them: CJK, letters, spaces, commas, quotes, an emoji (four UTF-8 bytes). */
const char = fc.constantFrom('a', 'Z', '中', '文', ' ', ',', '"', '😀', '1', '.', '#', '\t');
const text = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join(''));

/** A cell as written: quoted (quotes doubled, commas and sometimes a line break inside) or bare (a quote kept as it is, not at the start). */
const cell = fc.oneof(
  text(8).map((t) => `"${t.replace(/"/g, '""')}"`),
  fc.tuple(text(4), fc.constantFrom('\n', '\r\n', '\r'), text(4)).map(([a, br, b]) => `"${(a + br + b).replace(/"/g, '""')}"`),
  text(8).map((t) => t.replace(/,/g, '').replace(/^"/, 'x')),
  fc.constant(''),
  fc.constantFrom('企业"甲"', 'a"b"c', '5"', '是', NOTES_MARK, '  '),
);
const ending = fc.constantFrom('\n', '\r\n', '\r');
/** A file: records with any line ending, trailing commas, blank lines (empty or commas only) between them, maybe no final break. */
const file = fc
  .tuple(
    fc.array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 6 }), fc.boolean(), ending, fc.constantFrom('', '', '\n', '\r\n', ',,,\r\n', '\r')), {
      minLength: 1,
      maxLength: 12,
    }),
    fc.boolean(),
  )
  .map(([records, last]) => {
    const out = records.map(([cells, trailing, br, blank]) => blank + cells.join(',') + (trailing ? ',' : '') + br).join('');
    return last ? out : out.replace(/(\r\n|\n|\r)$/, '');
  });
/** Anything at all from the characters that matter to CSV: stray quotes, lone CRs, quotes beside breaks. */
const noise = fc.array(fc.constantFrom('"', ',', '\r', '\n', 'a', '中', ' ', '""', '","', '😀'), { maxLength: 40 }).map((cs) => cs.join(''));

/** Every piece of a text, fed in pieces of `feed` bytes, with the bytes each was found in (valid until the next is asked for). */
function* splits(buf: Buffer, feed: number, columns?: number): Generator<Split> {
  const s = new RecordSplitter(columns);
  for (let i = 0; i < buf.length; i += feed) yield s.feed(buf.subarray(i, i + feed));
  yield s.finish();
}

const accepted = (p: Piece) => p.kind === 'header' || p.kind === 'skip' || p.kind === 'record';

/** The reference: a record's cells as csv-parse reads them on their own. */
function reference(split: Split, p: Piece): string[] {
  const records = parse(split.buf.subarray(p.start - split.base, p.end - split.base), csvOptions()) as string[][];
  expect(records).toHaveLength(1);
  return records[0]!;
}

/** The rows of a split as the batch read them before (csv-parse on every record, the same rows skipped). */
function referenceRows(split: Split): RawRow[] {
  const out: RawRow[] = [];
  for (const p of split.pieces) {
    if (p.kind === 'bad') out.push({ line: p.line, cells: p.cells, problem: expect.objectContaining({ line: p.line }) as RawRow['problem'] });
    else if (p.kind === 'record') {
      const cells = reference(split, p);
      if (cells[0] !== NOTES_MARK && cells.some((c) => c.trim() !== '')) out.push({ line: p.line, cells });
    }
  }
  return out;
}

/** Each one-line record the splitter accepts is read as csv-parse reads it; returns how many had a quote. */
function checkRecords(t: string, feed: number, columns?: number): number {
  let quoted = 0;
  for (const split of splits(Buffer.from(t), feed, columns))
    for (const p of split.pieces) {
      if (!accepted(p) || p.multi) continue;
      const line = lineText(split.buf, p.start - split.base, p.end - split.base);
      expect(cellsOfLine(line), JSON.stringify(line)).toEqual(reference(split, p));
      if (line.includes('"')) quoted++;
    }
  return quoted;
}

describe('a one-line record read without csv-parse: the cells csv-parse reads', () => {
  it('records as written: quoted cells with "" and commas, stray quotes, empty cells, trailing commas, CR/LF/CRLF, blank lines, CJK', () => {
    let quoted = 0;
    fc.assert(
      fc.property(file, fc.constantFrom(1, 7, 1 << 20), (t, feed) => {
        quoted += checkRecords(t, feed);
      }),
      { numRuns: 400 },
    );
    // Not a test of nothing: many of the records read had quotes in them.
    expect(quoted).toBeGreaterThan(200);
  });

  it('any text of quotes, commas, line breaks and CJK: every record the splitter accepts', () => {
    fc.assert(
      fc.property(noise, fc.constantFrom(undefined, 3), (t, columns) => {
        checkRecords(t, 1 << 20, columns);
        checkRecords(t, 2, columns);
      }),
      { numRuns: 1000 },
    );
  });

  it('the rows of a split: the records csv-parse reads, blank and notes rows left out, bad lines in their place', () => {
    fc.assert(
      fc.property(fc.oneof(file, noise), (t) => {
        // A header is known, as in a worker's chunk: the rest are data rows.
        for (const split of splits(Buffer.from(t), 5, 3)) expect(rowsOf(split, 'x.csv')).toEqual(referenceRows(split));
      }),
      { numRuns: 500 },
    );
  });

  it('cases written out', () => {
    const cases: [string, string[]][] = [
      ['a,"b,c",d', ['a', 'b,c', 'd']],
      ['"a""b",', ['a"b', '']],
      ['"",""""', ['', '"']],
      ['企业"甲",x"', ['企业"甲"', 'x"']],
      [',,', ['', '', '']],
      ['', ['']],
      ['"中,文"', ['中,文']],
    ];
    for (const [line, cells] of cases) {
      expect(cellsOfLine(line)).toEqual(cells);
      expect(parse(line, csvOptions())[0] ?? ['']).toEqual(cells);
    }
    // What the splitter never hands on is left to csv-parse.
    for (const line of ['"a"b', '"open', 'a\nb', 'a\rb']) expect(cellsOfLine(line)).toBeUndefined();
  });
});
