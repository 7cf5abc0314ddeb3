import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { enterpriseRecord } from '../../src/input/enterprise-record.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { readYaml } from '../../src/load/read-yaml.js';
import { readTextFile } from '../../src/load/read-text-file.js';
import { labelsFor } from '../../src/render/labels.js';
import { renderResult } from '../../src/render/render-result.js';
import { reportRows } from '../../src/render/rows.js';
import { displayWidth } from '../../src/render/wrap-text.js';
import { terminalWidth } from '../../src/cli/terminal-width.js';
import { runInterview } from '../../src/interview/run-interview.js';
import { cli } from '../helpers/cli.js';
import { thrownCode } from '../helpers/thrown-code.js';
import { shippedRules } from '../helpers/mini-rules.js';
import { fakePrompts } from '../interview/fake-prompts.js';
import { exampleAnswers } from '../interview/lanxi-answers.js';

const set = shippedRules();
const examples = readdirSync('examples')
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => `examples/${n}`);

function evaluationOf(file: string) {
  const { record, locate } = enterpriseRecord(readYaml(readTextFile(file), file));
  const { enterprise } = toEnterprise(set, record, locate);
  return evaluate(set, enterprise!);
}

/**
 * The cells of a cli-table3 table, put back together: lines between two rule
 * lines are one row, and a cell's pieces on those lines are joined. A row
 * spanning the table (the document heading a group) is one cell.
 */
function tableCells(text: string): string[][] {
  const rows: string[][] = [];
  let current: string[][] | undefined;
  for (const line of text.split('\n')) {
    if (/^[┌├└]/.test(line)) {
      if (current) rows.push(current.map((parts) => parts.join('')));
      current = line.startsWith('└') ? undefined : [];
      continue;
    }
    if (!current || !line.startsWith('│')) continue;
    const cells = line
      .slice(1, -1)
      .split('│')
      .map((c) => c.trim());
    cells.forEach((c, i) => (current![i] ??= []).push(c));
  }
  return rows;
}

/** Text of cards and wrapped lines without the breaks and indents wrapping added. */
const unwrapped = (text: string) => text.replace(/\s+/g, '');

describe('the table fits the terminal', { timeout: 180000 }, () => {
  for (const width of [80, 120]) {
    it(`at ${width} columns: no line wider than the terminal, every listed clause and amount present (every example)`, () => {
      const layouts = new Set<string>();
      for (const file of examples) {
        const ev = evaluationOf(file);
        const out = renderResult([ev], set, { format: 'table', lang: 'zh', width });
        const lines = out.split('\n');
        const en = renderResult([ev], set, { format: 'table', lang: 'en', width }).split('\n');
        const wide = [...lines, ...en].filter((line) => displayWidth(line) > width);
        expect({ file, wide }).toEqual({ file, wide: [] });
        const rows = reportRows(ev, labelsFor(set, 'zh'));
        layouts.add(out.includes('┌') ? 'table' : 'cards');
        expect(rows.length).toBeGreaterThan(0);
        // Under 100 columns always cards; at 120 a table when one fits (cards for a document with many amount and level columns).
        if (width < 100) expect(out).not.toContain('┌');
        if (!out.includes('┌')) {
          // Cards: each clause's title and each amount on a line of its own, under its own name.
          const flat = unwrapped(out);
          for (const r of rows) {
            expect(flat).toContain(unwrapped(`${r.document} · ${r.clause} · ${r.title}`));
            for (const [kind, value] of Object.entries(r.amounts)) if (value) expect(out, `${file} ${r.title} ${kind}`).toContain(value);
          }
        } else {
          const cells = tableCells(out).map((row) => row.map(unwrapped).join('¦'));
          for (const r of rows) {
            const amounts = Object.values(r.amounts).filter(Boolean);
            const found = cells.some((row) => row.includes(unwrapped(r.title)) && amounts.every((a) => row.includes(a)) && row.includes(unwrapped(r.clause)));
            const groups = cells.some((row) => row === unwrapped(r.document));
            expect({ file, title: r.title, found, groups }).toEqual({ file, title: r.title, found: true, groups: true });
          }
        }
        // The totals say the same at every width.
        expect(unwrapped(out)).toContain(unwrapped(`确定金额: ${ev.totals.sure.toFixed(2).replace(/\B(?=(\d{3})+\.)/g, ',')}`));
      }
      // Both layouts were checked where they should be: cards only at 80, tables (mostly) at 120.
      expect([...layouts].sort()).toEqual(width < 100 ? ['cards'] : ['cards', 'table']);
    });
  }

  it('without a width (not a terminal) the layout is the full one, whatever COLUMNS says', () => {
    const plain = cli(['calc', 'examples/lanxi-cross-border-seller.yaml'], undefined, { COLUMNS: '80' });
    const full = cli(['calc', 'examples/lanxi-cross-border-seller.yaml'], undefined, { SUBSIDY_COLUMNS: 'full' });
    expect(plain.stdout).toBe(full.stdout);
    expect(Math.max(...plain.stdout.split('\n').map(displayWidth))).toBeGreaterThan(120);
    const narrow = cli(['calc', 'examples/lanxi-cross-border-seller.yaml'], undefined, { SUBSIDY_COLUMNS: '80' });
    expect(narrow.code).toBe(0);
    expect(Math.max(...narrow.stdout.split('\n').map(displayWidth))).toBeLessThanOrEqual(80);
    expect(narrow.stdout).toContain('确定金额（元）：100,000.00');
  });

  it('the width comes from SUBSIDY_COLUMNS, else a terminal, else nothing; a bad value is a usage error', () => {
    expect(terminalWidth({ isTTY: false, columns: 80 }, {})).toBeUndefined();
    expect(terminalWidth({ isTTY: true, columns: 132 }, {})).toBe(132);
    expect(terminalWidth({ isTTY: true }, { COLUMNS: '90' })).toBe(90);
    expect(terminalWidth({ isTTY: false }, { SUBSIDY_COLUMNS: '80' })).toBe(80);
    expect(terminalWidth({ isTTY: true, columns: 80 }, { SUBSIDY_COLUMNS: 'full' })).toBeUndefined();
    expect(thrownCode(() => terminalWidth({ isTTY: true }, { SUBSIDY_COLUMNS: 'wide' }))).toBe('USAGE');
    expect(cli(['calc', 'examples/lanxi-cross-border-seller.yaml'], undefined, { SUBSIDY_COLUMNS: '7' }).code).toBe(2);
  });

  it('the batch summary fits too: every enterprise listed with its sure amount, the portfolio lines wrapped', () => {
    const full = cli(['batch', 'examples/batch/all-examples.yaml', '--format', 'jsonl']);
    const lines = full.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((l) => l.row !== undefined);
    for (const width of [80, 120]) {
      const r = cli(['batch', 'examples/batch/all-examples.yaml', '--limit', '100'], undefined, { SUBSIDY_COLUMNS: String(width) });
      expect(r.code, r.stderr).toBe(0);
      const wide = r.stdout.split('\n').filter((line) => displayWidth(line) > width);
      expect({ width, wide }).toEqual({ width, wide: [] });
      const flat = unwrapped(r.stdout);
      for (const l of lines) {
        // A record may have no name (a person's case file): then it is listed by its id.
        const who = l.enterprise.name ?? l.enterprise.id;
        if (who) expect(flat).toContain(unwrapped(who));
        expect(flat).toContain(Number(l.totals.sure).toLocaleString('en-US', { minimumFractionDigits: 2 }));
      }
    }
  });

  it("the interview's final table fits the terminal too", async () => {
    for (const width of [80, 120]) {
      const fake = fakePrompts(set, { region: '兰溪', year: '', facts: exampleAnswers() }, 'zh');
      let out = '';
      await runInterview(set, { prompts: fake.prompts, write: (t) => void (out += t), width }, { lang: 'zh', now: new Date('2024-05-01') });
      const table = out.slice(out.indexOf('企业:'));
      expect(Math.max(...table.split('\n').map(displayWidth))).toBeLessThanOrEqual(width);
      expect(table).toContain('100,000.00');
      expect(unwrapped(table)).toContain('鼓励跨境电商发展');
    }
  });
});
