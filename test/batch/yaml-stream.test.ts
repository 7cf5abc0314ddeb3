import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yamlRows } from '../../src/batch/read/read-yaml-rows.js';
import type { SourceRow } from '../../src/batch/read/read-rows.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'subsidy-yaml-stream-'));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

const item = (id: string, extra = '') => `- id: ${id}\n  region: 兰溪市\n  year: 2023\n  facts:\n    online_sales: 100万\n${extra}`;

async function collect(rows: AsyncGenerator<SourceRow>): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('a YAML list in batch is read an item at a time', () => {
  it('hands on the first row before the rest of the input has been read', async () => {
    let fed = 0;
    async function* chunks() {
      for (let i = 0; i < 1000; i++) {
        fed++;
        yield Buffer.from(item(`E${i}`));
      }
    }
    const rows = await yamlRows(chunks(), 'big.yaml');
    const first = await rows.next();
    expect(first.value?.row).toBe(1);
    expect((first.value!.record as { id: string }).id).toBe('E0');
    // Only what it took to see where item 1 ends has been read.
    expect(fed).toBeLessThan(5);
    const rest = await collect(rows);
    expect(rest).toHaveLength(999);
    expect(rest.at(-1)).toMatchObject({ row: 1000, line: 999 * 5 + 1 });
  });

  it('positions inside an item are lines of the whole file', async () => {
    const text = `# comment\n---\n${item('A')}${item('B', '    onlin_sales: 3\n')}`;
    const [, b] = await collect((await yamlRows([Buffer.from(text)] as unknown as AsyncIterable<Buffer>, 'x.yaml')) as AsyncGenerator<SourceRow>);
    expect(b!.line).toBe(8);
    expect(b!.locate!(['facts', 'onlin_sales'])).toMatchObject({ file: 'x.yaml', line: 13 });
  });

  it('a broken item is an error row; the items around it are evaluated (exit 1)', () => {
    const f = write('broken.yaml', `${item('A')}- id: B\n  region: [兰溪市\n${item('C')}`);
    const out = join(dir, 'broken.jsonl');
    const r = cli(['batch', f, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.yaml:7:\d+, 行号 2: \[YAML_SYNTAX\]/);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { row: number; error?: unknown; provenance?: unknown })
      .filter((x) => !x.provenance);
    expect([...new Set(rows.map((x) => x.row))]).toEqual([1, 2, 3]);
    expect(rows.filter((x) => x.error).map((x) => x.row)).toEqual([2]);
  });

  it('a flow list and a single mapping are still read whole', () => {
    const flow = write('flow.yaml', '[{id: A, region: 兰溪市, year: 2023}, {id: B, region: 兰溪市, year: 2023}]\n');
    expect(cli(['batch', flow]).stdout).toMatch(/合计: 企业 2, 错误行 0/);
    const one = write('one.yaml', 'id: A\nregion: 兰溪市\nyear: 2023\n');
    expect(cli(['batch', one]).stdout).toMatch(/合计: 企业 1, 错误行 0/);
  });
});
