/**
 * The cells of one record the splitter (split-records.ts) handed on, read as csv-parse
 * reads them under csvOptions(): a cell that starts with `"` is quoted, `""` in it is a
 * quote and the next lone `"` ends it; any other cell runs to the next comma, quotes and
 * all (relax_quotes). The splitter has already found every quote that ends a cell and
 * turned away records where one is followed by anything but a comma or the line break,
 * so reading them again costs little more than the slicing. csv-parse did the same work a
 * second time, field by field through its own buffers, and was about a fifth of a batch
 * worker's time.
 *
 * Only records on one line come here (a line break inside a quoted cell goes to
 * csv-parse, which stays the reference); a property test holds this reader to csv-parse
 * on every record the splitter accepts.
 */
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** A one-line record [s, e) of buf as text, without the line break that ends it (CRLF, LF or CR). */
export function lineText(buf: Buffer, s: number, e: number): string {
  if (e > s && buf[e - 1] === LF) e--;
  if (e > s && buf[e - 1] === CR) e--;
  return buf.toString('utf8', s, e);
}

/**
 * The cells of a record's text without its line break; undefined when it holds a line
 * break or a quote that does not close a cell cleanly (csv-parse reads those, or rejects them).
 */
export function cellsOfLine(line: string): string[] | undefined {
  if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) return undefined;
  if (line.indexOf('"') < 0) return line.split(',');
  // Cells are gathered in one array kept from line to line and copied out at their count:
  // an array grown cell by cell is reallocated five times on the way to 180 cells.
  const cells = scratch;
  let n = 0;
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === QUOTE) {
      const closed = quotedCell(line, i + 1);
      if (!closed) return undefined;
      cells[n++] = closed.cell;
      i = closed.next;
      if (i >= line.length) return cells.slice(0, n);
      if (line.charCodeAt(i) !== COMMA) return undefined;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) {
        cells[n++] = line.slice(i);
        return cells.slice(0, n);
      }
      cells[n++] = line.slice(i, c);
      i = c;
    }
    // i is at a comma: a cell follows, empty when the comma ends the line.
    i++;
    if (i === line.length) {
      cells[n++] = '';
      return cells.slice(0, n);
    }
  }
}
const scratch: string[] = [];

/** A quoted cell whose content starts at s: its text and the index after its closing quote. */
function quotedCell(line: string, s: number): { cell: string; next: number } | undefined {
  let cell = '';
  for (;;) {
    const q = line.indexOf('"', s);
    if (q < 0) return undefined;
    if (line.charCodeAt(q + 1) !== QUOTE) return { cell: cell + line.slice(s, q), next: q + 1 };
    cell += line.slice(s, q + 1);
    s = q + 2;
  }
}
