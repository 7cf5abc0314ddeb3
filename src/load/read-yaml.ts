import { LineCounter, isMap, isSeq, isScalar, parseDocument, visit, type Document, type Node } from 'yaml';
import { SubsidyError } from '../errors/subsidy-error.js';
import type { Position } from '../errors/codes.js';

export type PathPart = string | number;

export interface YamlSource {
  file: string;
  data: unknown;
  /** Line and column of the node at a path, or of the nearest parent that exists. */
  locate(path: readonly PathPart[]): Position;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses YAML (and so JSON) with positions kept, rejecting what a data file
 * has no business containing: duplicate keys, alias bombs, prototype keys.
 */
export function readYaml(text: string, file: string, opts: { lineOffset?: number } = {}): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  // A piece of a larger file (one item of a batch list) reports the lines of the file.
  const offset = opts.lineOffset ?? 0;
  const at = (pos: number): Position => {
    const { line, col } = lineCounter.linePos(pos);
    return { file, line: line + offset, column: col };
  };
  const first = doc.errors[0];
  if (first?.code === 'DUPLICATE_KEY') {
    const path = keyPathAt(doc.contents, first.pos[0]) ?? [];
    throw SubsidyError.of('DUPLICATE_KEY', { detail: String(path.at(-1) ?? first.message.split('\n')[0]) }, { ...at(first.pos[0]), field: path.join('.') || undefined });
  }
  if (first?.code === 'RESOURCE_EXHAUSTION') throw SubsidyError.of('TOO_COMPLEX', { detail: 'nested too deeply' }, at(first.pos[0]));
  if (first) throw SubsidyError.of('YAML_SYNTAX', { detail: first.message.split('\n')[0] ?? '' }, at(first.pos[0]));
  checkKeys(doc.contents, at);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    // Point at the first alias: that is where the expansion starts.
    let pos: Position = { file };
    visit(doc, { Alias: (_, node) => { if (node.range) pos = at(node.range[0]); return visit.BREAK; } });
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

function checkKeys(node: unknown, at: (o: number) => Position, path: PathPart[] = []): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const raw = isScalar(pair.key) ? pair.key.value : undefined;
      const key = raw === null || ['string', 'number', 'boolean'].includes(typeof raw) ? String(raw) : undefined;
      const pos = (pair.key as Node | null)?.range ? at((pair.key as Node).range![0]) : {};
      if (key !== undefined && FORBIDDEN_KEYS.has(key)) throw SubsidyError.of('FORBIDDEN_KEY', { key }, { ...pos, field: [...path, key].join('.') });
      // A list, a mapping or a tagged value (!!binary) used as a key has no meaning in a data file.
      if (key === undefined && pair.key !== null) throw SubsidyError.of('SCHEMA', { detail: 'a key must be plain text, not a list or mapping' }, { ...pos, field: path.join('.') || undefined });
      checkKeys(pair.value, at, [...path, key ?? '?']);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => checkKeys(item, at, [...path, i]));
  }
}

/** The path to the mapping key that starts at an offset (where the parser reports a duplicate key). */
function keyPathAt(node: unknown, offset: number, path: PathPart[] = []): PathPart[] | undefined {
  const items: [PathPart, Node | undefined, unknown][] = isMap(node)
    ? node.items.map((p) => [isScalar(p.key) ? String(p.key.value) : '?', p.key as Node | undefined, p.value])
    : isSeq(node) ? node.items.map((v, i) => [i, undefined, v]) : [];
  for (const [key, keyNode, value] of items) {
    if (keyNode?.range?.[0] === offset) return [...path, key];
    const hit = keyPathAt(value, offset, [...path, key]);
    if (hit) return hit;
  }
  return undefined;
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
