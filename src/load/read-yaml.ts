import { LineCounter, isMap, isSeq, isScalar, parseDocument, visit, type Document, type Node } from 'yaml';
import { SubsidyError } from '../errors/subsidy-error.js';
import type { Position } from '../errors/codes.js';
import { reason } from '../i18n/reasons.js';
import { FORBIDDEN_KEYS, parsePlainYaml } from './parse-plain-yaml.js';

export type { PathPart, YamlSource } from '../model/rule-set.js';
import type { PathPart, YamlSource } from '../model/rule-set.js';

/**
 * The tags a data file may spell out: they name what the value already is. Others
 * change the structure (!!omap and !!set become a Map and a Set, which read as no
 * facts at all), make values no one meant (!!binary, !!timestamp) or mean nothing
 * here (!foo, !!js/function), and are refused rather than half-read.
 */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * Parses YAML (and so JSON) with positions kept, rejecting what a data file
 * has no business containing: duplicate keys, alias bombs, prototype keys.
 * A file in the plain subset (parse-plain-yaml.ts: what enterprise files are) is read
 * without the yaml library, which then reads it only if a position is asked for.
 */
export function readYaml(text: string, file: string, opts: { lineOffset?: number } = {}): YamlSource {
  const plain = parsePlainYaml(text);
  if (!plain) return readYamlDocument(text, file, opts);
  let full: YamlSource | undefined;
  return { file, data: plain.value, locate: (path) => (full ??= readYamlDocument(text, file, opts)).locate(path) };
}

/** The yaml library's reading, positions and all (also what the plain reading is tested against). */
export function readYamlDocument(text: string, file: string, opts: { lineOffset?: number }): YamlSource {
  const lineCounter = new LineCounter();
  // Duplicate keys are found below, with both places and after keys are read as text (1 and "1" are one key).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  // A piece of a larger file (one item of a batch list) reports the lines of the file.
  const offset = opts.lineOffset ?? 0;
  const at = (pos: number): Position => {
    const { line, col } = lineCounter.linePos(pos);
    return { file, line: line + offset, column: col };
  };
  const first = doc.errors[0];
  if (first?.code === 'RESOURCE_EXHAUSTION') throw SubsidyError.of('TOO_COMPLEX', { detail: reason('nestedTooDeep') }, at(first.pos[0]));
  if (first) throw SubsidyError.of('YAML_SYNTAX', { detail: first.message.split('\n')[0] ?? '' }, at(first.pos[0]));
  checkKeys(doc.contents, at, file);
  const tagWarning = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tagWarning) throw SubsidyError.of('YAML_TAG', { tag: /"([^"]+)"/.exec(tagWarning.message)?.[1] ?? '?' }, at(tagWarning.pos[0]));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // Point at the first alias: that is where the expansion starts.
    let pos: Position = { file };
    visit(doc, {
      Alias: (_, node) => {
        if (node.range) pos = at(node.range[0]);
        return visit.BREAK;
      },
    });
    throw SubsidyError.of('TOO_COMPLEX', { detail: (e as Error).message }, pos);
  }
  return {
    file,
    data,
    locate(path) {
      const node = nearestNode(doc, path);
      return node?.range ? { ...at(node.range[0]), field: path.join('.') || undefined } : { file, field: path.join('.') };
    },
  };
}

/** Where a node starts, as `file:line:column`, to name the first of two places in a message. */
function place(node: unknown, at: (o: number) => Position): string {
  const range = (node as Node | null)?.range;
  if (!range) return '?';
  const p = at(range[0]);
  return `${p.file}:${p.line}:${p.column}`;
}

/**
 * Keys and tags, everywhere: prototype keys, keys that are not plain text, the
 * same key twice in a mapping (as written, or once read as text: 1 and "1"),
 * and tags that are not PLAIN_TAGS.
 */
function checkKeys(node: unknown, at: (o: number) => Position, file: string, path: PathPart[] = []): void {
  const tag = (node as { tag?: string } | null)?.tag;
  if (tag && (isMap(node) || isSeq(node) || isScalar(node)) && !PLAIN_TAGS.has(tag)) {
    const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
    throw SubsidyError.of('YAML_TAG', { tag: shown }, { ...(node.range ? at(node.range[0]) : { file }), field: path.join('.') || undefined });
  }
  if (isMap(node)) {
    const seen = new Map<string, Node>();
    for (const pair of node.items) {
      const raw = isScalar(pair.key) ? pair.key.value : undefined;
      const key = raw === null || ['string', 'number', 'boolean'].includes(typeof raw) ? String(raw) : undefined;
      const pos = (pair.key as Node | null)?.range ? at((pair.key as Node).range![0]) : {};
      if (key !== undefined && FORBIDDEN_KEYS.has(key)) throw SubsidyError.of('FORBIDDEN_KEY', { key }, { ...pos, field: [...path, key].join('.') });
      // A list, a mapping or a tagged value (!!binary) used as a key has no meaning in a data file.
      if (key === undefined && pair.key !== null)
        throw SubsidyError.of('SCHEMA', { detail: reason('plainKey') }, { ...pos, field: path.join('.') || undefined });
      if (key !== undefined) {
        const before = seen.get(key);
        if (before)
          throw SubsidyError.of(
            'DUPLICATE_GIVEN',
            { item: key, first: place(before, at), second: place(pair.key, at) },
            { ...pos, field: [...path, key].join('.') },
          );
        seen.set(key, pair.key as Node);
      }
      checkKeys(pair.value, at, file, [...path, key ?? '?']);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => checkKeys(item, at, file, [...path, i]));
  }
}

function nearestNode(doc: Document, path: readonly PathPart[]): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node) return keyNode(doc, path.slice(0, n)) ?? node;
  }
  return undefined;
}

/** A mapping entry is pointed at by its key: a block value starts on the line after the key that names it. */
function keyNode(doc: Document, path: readonly PathPart[]): Node | undefined {
  if (!path.length) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path.at(-1)));
  return (pair?.key as Node | undefined) ?? undefined;
}
