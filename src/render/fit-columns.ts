import { displayWidth, wrapText } from './wrap-text.js';

/** A terminal narrower than this gets one card per clause: a table of eight or more columns cannot be read there. */
export const CARD_BELOW = 100;

/** A column of the table: its header, its cells, and whether its text may wrap (free text) or not (codes and amounts). */
export interface Column {
  head: string;
  cells: string[];
  /**
   * Free text: the width is chosen to fit the terminal (`full`: its width in the layout for
   * logs, where the table is as wide as it needs). Otherwise the width of the widest cell.
   */
  wrap?: { weight: number; min: number; full: number };
  /** Amounts: aligned right. */
  right?: boolean;
}

/** Border and padding that cli-table3 draws around n columns: "│ " before each, " │" after the last. */
export const tableOverhead = (n: number) => 3 * n + 1;

/** Fixed columns are as wide as their widest cell; a long header (over 8 columns) may wrap onto a second line. */
function fixedWidth(c: Column): number {
  const content = Math.max(1, ...c.cells.flatMap((s) => s.split('\n').map(displayWidth)));
  const head = displayWidth(c.head);
  return Math.max(content, head <= 8 ? head : Math.ceil(head / 2));
}

const natural = (c: Column) =>
  Math.max(displayWidth(c.head) > 0 ? Math.min(displayWidth(c.head), 12) : 1, ...c.cells.flatMap((s) => s.split('\n').map(displayWidth)));

/**
 * Column widths (content only, without padding) for a table at most `width`
 * terminal columns wide, or undefined when it cannot fit (or the terminal is
 * narrower than CARD_BELOW): then the caller shows cards. Free-text columns
 * share what is left by weight, each no wider than its longest text needs.
 */
export function fitWidths(columns: Column[], width: number): number[] | undefined {
  if (width < CARD_BELOW) return undefined;
  const widths = columns.map((c) => (c.wrap ? c.wrap.min : fixedWidth(c)));
  let left = width - tableOverhead(columns.length) - widths.reduce((a, b) => a + b, 0);
  if (left < 0) return undefined;
  // Hand out what is left in rounds, by weight, until every free column has what it needs or nothing is left.
  for (let round = 0; round < 8 && left > 0; round++) {
    const open = columns.map((_c, i) => i).filter((i) => columns[i]!.wrap && widths[i]! < natural(columns[i]!));
    if (!open.length) break;
    const weight = open.reduce((a, i) => a + columns[i]!.wrap!.weight, 0);
    let given = 0;
    for (const i of open) {
      const want = natural(columns[i]!) - widths[i]!;
      const share = Math.min(want, Math.floor((left * columns[i]!.wrap!.weight) / weight));
      widths[i]! += share;
      given += share;
    }
    if (!given) {
      widths[open[0]!]! += 1;
      given = 1;
    }
    left -= given;
  }
  return widths;
}

/** Cells and header wrapped to the chosen widths (a width of 0: as it is). */
export function wrapColumns(columns: Column[], widths: number[]): { head: string[]; rows: string[][] } {
  const head = columns.map((c, i) => (widths[i] ? wrapText(c.head, widths[i]!) : c.head));
  const rows = (columns[0]?.cells ?? []).map((_, r) => columns.map((c, i) => (c.wrap ? wrapText(c.cells[r]!, widths[i]!) : c.cells[r]!)));
  return { head, rows };
}

/** A line of text wrapped to the terminal, later lines indented under the first one's text. */
export function wrapHanging(text: string, width: number, indent: number, first = ''): string[] {
  const pad = ' '.repeat(indent);
  const body = wrapText(text, Math.max(8, width - indent)).split('\n');
  return body.map((line, i) => (i === 0 ? first + line : pad + line));
}
