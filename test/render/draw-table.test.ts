import { createRequire } from 'node:module';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { drawTable, type DrawRow } from '../../src/render/draw-table.js';

/**
 * drawTable replaced cli-table3 on calc's start-up path; calc's tables must not change a
 * byte. So it is held to cli-table3 itself over the class of tables the renderers make:
 * any number of columns, header and cells of Latin and Chinese text with line breaks,
 * blank cells, amounts aligned right, rows across the whole table anywhere (wider or
 * narrower than the columns under them), plain and coloured.
 */

// Characters on which our display width and cli-table3's string-width agree (the text of policies and amounts).
const text = fc
  .array(fc.constantFrom('a', 'Z', '7', ' ', '.', ',', '-', '中', '文', '条', '款', '，', '（', '）', '：', '万', '\n'), { maxLength: 24 })
  .map((cs) => cs.join(''));

const table = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    head: fc.array(text, { minLength: n, maxLength: n }),
    rows: fc.array(
      fc.oneof({ weight: 4, arbitrary: fc.array(text, { minLength: n, maxLength: n }) }, { weight: 1, arbitrary: text.map((t) => ({ across: t })) }),
      {
        maxLength: 8,
      },
    ),
    right: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    // A column whose cells carry colour codes already (the status column on a terminal).
    tinted: fc.integer({ min: -1, max: n - 1 }),
  }),
);

function viaCliTable3(t: { head: string[]; rows: DrawRow[]; right: boolean[] }, color: boolean): string {
  const table = new Table({ head: t.head, style: { head: color ? ['cyan'] : [], border: color ? ['grey'] : [] } });
  for (const r of t.rows)
    table.push(
      Array.isArray(r) ? r.map((c, i) => (t.right[i] ? { content: c, hAlign: 'right' as const } : c)) : [{ colSpan: t.head.length, content: r.across }],
    );
  return table.toString();
}

describe('drawTable draws what cli-table3 draws', () => {
  const colors = createRequire(import.meta.url)('@colors/colors/safe') as { enable(): void; disable(): void };
  const paint = new Chalk({ level: 1 });
  // Test files share modules (vitest.config.ts): leave @colors as the next file expects it.
  afterAll(() => colors.disable());

  for (const color of [false, true])
    it(color ? 'coloured' : 'plain', () => {
      // cli-table3 colours through @colors, which stays off when the output is not a terminal.
      if (color) colors.enable();
      fc.assert(
        fc.property(table, ({ head, rows, right, tinted }) => {
          const cells: DrawRow[] = rows.map((r) => (Array.isArray(r) ? r.map((c, i) => (i === tinted ? paint.green(c) : c)) : r));
          const ours = drawTable({ head, rows: cells, right, ...(color ? { border: paint.gray, headText: paint.cyan } : {}) });
          expect(ours).toBe(viaCliTable3({ head, rows: cells, right }, color));
        }),
        { numRuns: 400 },
      );
    });

  it('a row across wider than the columns widens them as cli-table3 does', () => {
    const t = { head: ['a', 'b', 'c'], rows: [['1', '2', '3'], { across: '一个很长很长的文件名称横跨整张表格' }], right: [false, true, false] };
    const ours = drawTable(t);
    expect(ours).toBe(viaCliTable3(t, false));
    expect(ours.split('\n')[0]!.length).toBeGreaterThan('┌───┬───┬───┐'.length);
  });
});
