import { posix } from 'node:path';
import { SubsidyError } from '../../../errors/subsidy-error.js';
import { parseXmlText, utf8Text, XmlEvents } from './xml-events.js';
import { SHARED_STRINGS_BYTES, type ZipParts } from './zip-parts.js';

/** What a cell's number format says its number is. */
export type NumberKind = 'general' | 'percent' | 'date';

export interface SheetRef {
  name: string;
  /** The part holding the sheet, e.g. xl/worksheets/sheet1.xml. */
  part: string;
}

/** The parts of a workbook a sheet's cells need: its sheets, number formats and shared text. */
export interface Workbook {
  sheets: SheetRef[];
  /** The 1904 date system (old Mac workbooks): serial 0 is 1904-01-01. */
  date1904: boolean;
  /** By style index (a cell's s attribute): what its number format makes of a number. */
  styles: NumberKind[];
  shared: string[];
}

const REL_OFFICE = /\/officeDocument$/;

/** Where a relationship's target is, from the part that names it. */
function resolveTarget(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(from), target));
}

/** A part's relationships (its _rels/<name>.rels), by id. */
async function relations(zip: ZipParts, part: string): Promise<Map<string, { type: string; target: string }>> {
  const out = new Map<string, { type: string; target: string }>();
  const text = await zip.text(posix.join(posix.dirname(part), '_rels', posix.basename(part) + '.rels'));
  if (text === undefined) return out;
  parse(zip, part, text, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External')
        out.set(a.Id, { type: a.Type ?? '', target: resolveTarget(part, a.Target) });
    },
  });
  return out;
}

function parse(zip: ZipParts, part: string, text: string, h: Parameters<typeof parseXmlText>[1]): void {
  try {
    parseXmlText(text, h);
  } catch (e) {
    throw zip.broken(part, e);
  }
}

export async function readWorkbook(zip: ZipParts): Promise<Workbook> {
  const root = [...(await relations(zip, ''))].find(([, r]) => REL_OFFICE.test(r.type));
  const bookPart = root?.[1].target ?? 'xl/workbook.xml';
  const text = await zip.text(bookPart);
  if (text === undefined) throw SubsidyError.of('XLSX_PART_MISSING', { part: bookPart }, { file: zip.file });
  const rels = await relations(zip, bookPart);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  parse(zip, bookPart, text, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const id = Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
      const rel = id ? rels.get(id) : undefined;
      // Chart sheets and dialog sheets have no cells: only worksheets are offered.
      if (rel && /\/worksheet$/.test(rel.type) && a.name !== undefined) sheets.push({ name: a.name, part: rel.target });
    },
  });
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const stylesPart = byType('/styles');
  const sharedPart = byType('/sharedStrings');
  return {
    sheets,
    date1904,
    styles: stylesPart ? await readStyles(zip, stylesPart) : [],
    shared: sharedPart && zip.has(sharedPart) ? await readShared(zip, sharedPart) : [],
  };
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, and the East Asian ones). */
const DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const PERCENT_IDS = new Set([9, 10]);

/** What a custom format code shows: quoted text, escapes and [colour]/[$-locale] parts say nothing about it. */
export function formatKind(code: string): NumberKind {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (/general/i.test(bare) && !/[ymdhs%]/i.test(bare.replace(/general/gi, ''))) return 'general';
  if (bare.includes('%')) return 'percent';
  return /[ymdhs]/i.test(bare.replace(/E[+-]/gi, '')) ? 'date' : 'general';
}

async function readStyles(zip: ZipParts, part: string): Promise<NumberKind[]> {
  const text = await zip.text(part);
  if (text === undefined) return [];
  const custom = new Map<number, NumberKind>();
  const out: NumberKind[] = [];
  let inXfs = false;
  parse(zip, part, text, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), formatKind(a.formatCode ?? ''));
      else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = Number(a.numFmtId ?? 0);
        out.push(custom.get(id) ?? (PERCENT_IDS.has(id) ? 'percent' : DATE_IDS.has(id) ? 'date' : 'general'));
      }
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
  });
  return out;
}

/**
 * The shared text table: each <si> is one string, its runs joined; phonetic
 * guides (<rPh>, furigana) are not part of the text.
 */
async function readShared(zip: ZipParts, part: string): Promise<string[]> {
  const out: string[] = [];
  let cur: string | undefined;
  let inT = false;
  let phonetic = 0;
  const x = new XmlEvents({
    open(name) {
      if (name === 'si') cur = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && cur !== undefined && !phonetic) inT = true;
    },
    text(t) {
      if (inT) cur += t;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && cur !== undefined) out.push(cur), (cur = undefined);
    },
  });
  try {
    for await (const s of utf8Text(await zip.stream(part, SHARED_STRINGS_BYTES))) x.write(s);
    x.end();
  } catch (e) {
    throw zip.broken(part, e);
  }
  return out;
}
