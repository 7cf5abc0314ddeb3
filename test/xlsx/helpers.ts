import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';

export const tmp = (prefix = 'subsidy-xlsx-') => mkdtempSync(join(tmpdir(), prefix));

/** One cell as openpyxl reads it: value, data type (n, s, f, b, e, d) and number format. */
export type PyCell = [unknown, string, string];
export interface PySheet {
  name: string;
  freeze: string | null;
  filter: string | null;
  widths: Record<string, number>;
  rows: PyCell[][];
}

/**
 * Reads a workbook with Debian's openpyxl (python3-openpyxl, installed by .ci/run):
 * a reader that shares no code with the one that wrote it. Floats are passed as
 * their shortest repr, so "123.45" comes back as the number the file holds.
 */
const READER = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        rows.append([[repr(c.value) if isinstance(c.value, float) else c.value, c.data_type, c.number_format] for c in row])
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                "widths": {k: v.width for k, v in ws.column_dimensions.items()}, "rows": rows})
print(json.dumps(out, ensure_ascii=False, default=str))
`;

export const PYTHON = '/usr/bin/python3';

export function readWithOpenpyxl(file: string): PySheet[] {
  const r = spawnSync(PYTHON, ['-c', READER, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`openpyxl could not read ${file}: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout) as PySheet[];
}

/** A zip entry: its bytes, how it is stored, and (for attacks) what its headers claim. */
export interface Entry {
  name: string;
  data: Buffer;
  deflate?: boolean;
  /** The uncompressed size the headers declare (default: the true size). */
  claimSize?: number;
}

/**
 * A zip written byte by byte, so a test can make one no zip library would: sizes
 * that lie, entries cut short. Local headers, data, central directory, end record.
 */
export function zip(entries: Entry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflate === false ? e.data : deflateRawSync(e.data);
    const size = e.claimSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.deflate === false ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(e.deflate === false ? 0 : 8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(Math.min(size, 0xffffffff), 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    parts.push(local, name, body);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A minimal workbook from raw sheet XML (the rows inside <sheetData>), for cells
 * no library would write: shared-string indexes out of range, far-away cells.
 */
export function rawWorkbook(opts: {
  sheetData: string;
  tail?: string;
  shared?: string[];
  sheetName?: string;
  sheetEntry?: Partial<Entry>;
  sharedEntry?: Partial<Entry>;
  extra?: Entry[];
  omitSheet?: boolean;
}): Buffer {
  const sst = opts.shared
    ? `<sst ${NS} count="${opts.shared.length}" uniqueCount="${opts.shared.length}">${opts.shared.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`
    : undefined;
  const entries: Entry[] = [
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/workbook.xml', data: xml(`<workbook ${NS}><sheets><sheet name="${opts.sheetName ?? 'Sheet1'}" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${sst ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
      ),
    },
    ...(opts.omitSheet
      ? []
      : [
          {
            name: 'xl/worksheets/sheet1.xml',
            data: xml(`<worksheet ${NS}><sheetData>${opts.sheetData}</sheetData>${opts.tail ?? ''}</worksheet>`),
            ...opts.sheetEntry,
          },
        ]),
    ...(sst ? [{ name: 'xl/sharedStrings.xml', data: xml(sst), ...opts.sharedEntry }] : []),
    ...(opts.extra ?? []),
  ];
  return zip(entries);
}

/** A row of inline-string and number cells: strings as inline text, numbers as numbers. */
export function rawRow(r: number, cells: (string | number | undefined)[]): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  const cs = cells.map((v, i) => {
    if (v === undefined) return '';
    if (typeof v === 'number') return `<c r="${col(i)}${r}"><v>${v}</v></c>`;
    return `<c r="${col(i)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`;
  });
  return `<row r="${r}">${cs.join('')}</row>`;
}

export function write(dir: string, name: string, data: Buffer | string): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
