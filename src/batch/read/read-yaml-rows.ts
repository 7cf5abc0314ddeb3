import { isSubsidyError, SubsidyError } from '../../errors/subsidy-error.js';
import { readYaml } from '../../load/read-yaml.js';
import type { SourceRow } from './source-row.js';
import { reason } from '../../i18n/reasons.js';

/** Lines of UTF-8 text as they arrive (the \r of CRLF stays: YAML reads it as a line break). */
export async function* textLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, start)) {
      yield buf.toString('utf8', start, nl);
      start = nl + 1;
    }
    carry = start < buf.length ? buf.subarray(start) : undefined;
  }
  if (carry) yield carry.toString('utf8');
}

/** A case file's shape (input + expected) is read as its input, as calc does. */
export function unwrap(data: unknown): { record: unknown; prefix: (string | number)[] } {
  const d = data as Record<string, unknown> | null;
  if (d && typeof d === 'object' && !Array.isArray(d) && 'input' in d && 'expected' in d) return { record: d.input, prefix: ['input'] };
  return { record: data, prefix: [] };
}

/** `- ` (or a lone `-`) at the very start of a line: a new item of a top-level block list. */
const ITEM_START = /^-(?:[ \t]|\r?$)/;
/** What may come before the first item: blank lines, comments, `---`, directives. */
const PREAMBLE = /^(?:\s*(?:#.*)?|---\s*(?:#.*)?|%.*)\r?$/;

/**
 * Rows of a YAML batch. A top-level block list (items starting with `- ` at column 0,
 * what people and `subsidy template` write) is read an item at a time: each item is
 * parsed on its own, so memory does not grow with the number of rows and a broken
 * item is an error row, as a broken CSV row is. Anything else (one mapping, a flow
 * list `[...]`) is parsed whole. Anchors cannot reach from one item into another.
 */
export async function yamlRows(chunks: AsyncIterable<Buffer>, file: string): Promise<AsyncGenerator<SourceRow>> {
  const name = file === '-' ? '<stdin>' : file;
  const lines = textLines(chunks)[Symbol.asyncIterator]();
  const head: string[] = [];
  let r = await lines.next();
  while (!r.done && PREAMBLE.test(r.value)) {
    head.push(r.value);
    r = await lines.next();
  }
  if (r.done || !ITEM_START.test(r.value)) {
    for (; !r.done; r = await lines.next()) head.push(r.value);
    return wholeRows(head.join('\n'), name);
  }
  const first = r.value;
  const firstLine = head.length + 1;
  async function* rows(): AsyncGenerator<SourceRow> {
    let item = [first];
    let start = firstLine;
    let row = 0;
    let line = firstLine;
    for (let n = await lines.next(); !n.done; n = await lines.next()) {
      line++;
      if (ITEM_START.test(n.value)) {
        yield itemRow(item, start, ++row, name);
        item = [];
        start = line;
      }
      item.push(n.value);
    }
    yield itemRow(item, start, ++row, name);
  }
  return rows();
}

/** One list item, parsed alone; its positions are those of the whole file. */
function itemRow(lines: string[], start: number, row: number, file: string): SourceRow {
  try {
    const src = readYaml(lines.join('\n'), file, { lineOffset: start - 1 });
    const { record, prefix } = unwrap(Array.isArray(src.data) ? src.data[0] : src.data);
    const base = [0, ...prefix];
    return { row, line: start, record, locate: (path) => src.locate([...base, ...path]) };
  } catch (e) {
    if (!isSubsidyError(e)) throw e;
    return { row, line: start, problem: { ...e.findings[0]!, file } };
  }
}

/** The whole text as one document: a list is a row per item, a single mapping a batch of one. */
function wholeRows(text: string, file: string): AsyncGenerator<SourceRow> {
  const src = readYaml(text, file);
  if (src.data === null || typeof src.data !== 'object') throw SubsidyError.of('SCHEMA', { detail: reason('yamlBatchShape') }, { file });
  const list = Array.isArray(src.data) ? src.data : [src.data];
  const root = Array.isArray(src.data) ? (i: number) => [i] : () => [];
  async function* rows(): AsyncGenerator<SourceRow> {
    for (let i = 0; i < list.length; i++) {
      const { record, prefix } = unwrap(list[i]);
      const base = [...root(i), ...prefix];
      yield { row: i + 1, line: src.locate(root(i)).line ?? 0, record, locate: (path) => src.locate([...base, ...path]) };
    }
  }
  return rows();
}
