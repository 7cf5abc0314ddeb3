import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for one test file's inputs and outputs. */
export function scratch(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `subsidy-${name}-`));
  return {
    dir,
    path: (file: string) => join(dir, file),
    write(file: string, content: string | Buffer): string {
      writeFileSync(join(dir, file), content);
      return join(dir, file);
    },
  };
}

/** The header of the batch inputs these tests write: fixed columns and two facts. */
export const HEAD = '企业编号,企业名称,地区,年度,主体类型,线上销售额（网络零售额）,第三方平台跨境B2C销售额（美元）\r\n';

/** A data row of that header. */
export const row = (id: string, name = `企业${id}`, sales = '100万') => `${id},${name},兰溪市,2023,电商企业;跨境电商企业,${sales},10万美元\r\n`;

/** A JSON Lines report, one object per input row (the provenance line that ends it is left out). */
export const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          row: number;
          line: number;
          error?: boolean;
          enterprise: { id?: string; name?: string };
          errors?: { code: string; field?: string; column?: number; message: string }[];
          provenance?: unknown;
        },
    )
    .filter((r) => !r.provenance);
