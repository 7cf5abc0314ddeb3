import { displayWidth } from './wrap-text.js';

/**
 * Box drawing for the itemised table, in cli-table3's exact layout (its default
 * characters, one space of padding, a rule between rows, a row across the whole
 * table where a document heads its clauses). The cells arrive wrapped already
 * (fit-columns.ts), so all that is left is measuring and padding: cli-table3 did
 * that through option merging, per-cell objects and string-width's emoji regular
 * expression, about a tenth of a `subsidy calc` run. A property test holds this
 * to cli-table3 on tables of every shape the renderers make.
 */

/** A row of cells, or one cell across every column. */
export type DrawRow = string[] | { across: string };

export interface DrawTable {
  head: string[];
  rows: DrawRow[];
  /** Columns whose cells, not the header, are aligned right (amounts). */
  right?: boolean[];
  /** Colour for borders and for the header's text (a terminal); plain text when left out. */
  border?: (s: string) => string;
  headText?: (s: string) => string;
}

// ESC [ … m: the colour codes a cell may already carry (a coloured status).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const width = (line: string) => displayWidth(line.includes('\x1b') ? line.replace(ANSI, '') : line);
const widest = (lines: string[]) => lines.reduce((m, s) => Math.max(m, width(s)), 0);

interface Laid {
  lines: string[][];
  across: boolean;
  height: number;
}

export function drawTable(t: DrawTable): string {
  const n = t.head.length;
  const laid: Laid[] = [t.head, ...t.rows].map((r) => {
    const cells = Array.isArray(r) ? r : [r.across];
    const lines = cells.map((c) => c.split('\n'));
    return { lines, across: !Array.isArray(r), height: Math.max(1, ...lines.map((l) => l.length)) };
  });
  const widths = columnWidths(laid, n);
  const border = t.border ?? ((s: string) => s);
  const headText = t.headText ?? ((s: string) => s);
  const out: string[] = [];
  laid.forEach((row, y) => {
    out.push(rule(widths, y === 0 ? undefined : laid[y - 1]!, row, border));
    for (let line = 0; line < row.height; line++) out.push(textLine(row, line, widths, y === 0 ? [] : (t.right ?? []), border, y === 0 ? headText : undefined));
  });
  const last = laid[laid.length - 1]!;
  out.push(last.across ? border(`└${'─'.repeat(span(widths))}┘`) : pieces(widths, (x) => (x === 0 ? '└' : '┴'), '┘', border));
  return out.join('\n');
}

/** Widths with padding: the widest line of each column, then widened where a row across needs more (as cli-table3 does). */
function columnWidths(laid: Laid[], n: number): number[] {
  const widths = new Array<number>(n).fill(1);
  // In a one-column table a row across is an ordinary cell (cli-table3 spans nothing there).
  const spans = (row: Laid) => row.across && n > 1;
  for (const row of laid) if (!spans(row)) row.lines.forEach((l, x) => (widths[x] = Math.max(widths[x]!, widest(l) + 2)));
  for (let k = laid.length - 1; k >= 0; k--) {
    const row = laid[k]!;
    if (!spans(row)) continue;
    const desired = widest(row.lines[0]!) + 2;
    let existing = span(widths);
    for (let x = 0, open = n; open > 0 && desired > existing; x++, open--) {
      const dif = Math.round((desired - existing) / open);
      existing += dif;
      widths[x]! += dif;
    }
  }
  return widths;
}

/** The width inside the outer borders of a row across all columns. */
const span = (widths: number[]) => widths.reduce((a, b) => a + b, 0) + widths.length - 1;

/** The rule above a row: joints where a column edge meets the row above or below it. */
function rule(widths: number[], above: Laid | undefined, row: Laid, border: (s: string) => string): string {
  if (!above) return pieces(widths, (x) => (x === 0 ? '┌' : '┬'), '┐', border);
  // A row across is one cell: cli-table3 draws (and colours) its rule as one piece.
  if (row.across) return border(`├${widths.map((w) => '─'.repeat(w)).join(above.across ? '─' : '┴')}┤`);
  return pieces(widths, (x) => (x === 0 ? '├' : above.across ? '┬' : '┼'), '┤', border);
}

/** A rule drawn one piece per cell, each coloured on its own, as cli-table3 draws them. */
function pieces(widths: number[], joint: (x: number) => string, end: string, border: (s: string) => string): string {
  return widths.map((w, x) => border(`${joint(x)}${'─'.repeat(w)}${x === widths.length - 1 ? end : ''}`)).join('');
}

function textLine(row: Laid, line: number, widths: number[], right: boolean[], border: (s: string) => string, head?: (s: string) => string): string {
  const style = head ?? ((s: string) => s);
  if (row.across) return border('│') + style(` ${padded(row.lines[0]![line] ?? '', span(widths) - 2, false)} `) + border('│');
  let out = '';
  widths.forEach((w, x) => {
    out += border('│') + style(` ${padded(row.lines[x]?.[line] ?? '', w - 2, right[x] ?? false)} `);
  });
  return out + border('│');
}

function padded(s: string, len: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, len - width(s)));
  return right ? gap + s : s + gap;
}
