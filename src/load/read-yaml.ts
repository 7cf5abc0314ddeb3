import { LineCounter, isMap, isSeq, isScalar, parseDocument, type Document, type Node } from 'yaml';
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
export function readYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const first = doc.errors[0];
  if (first) {
    const code = first.code === 'DUPLICATE_KEY' ? 'DUPLICATE_KEY' : 'YAML_SYNTAX';
    throw SubsidyError.of(code, { detail: first.message.split('\n')[0] ?? '' }, at(first.pos[0]));
  }
  checkKeys(doc.contents, at);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    throw SubsidyError.of('TOO_COMPLEX', { detail: (e as Error).message }, { file });
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

function checkKeys(node: unknown, at: (o: number) => Position): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && FORBIDDEN_KEYS.has(key)) {
        const pos = (pair.key as Node).range ? at((pair.key as Node).range![0]) : {};
        throw SubsidyError.of('FORBIDDEN_KEY', { key }, { ...pos, field: key });
      }
      checkKeys(pair.value, at);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) checkKeys(item, at);
  }
}

function nearestNode(doc: Document, path: readonly PathPart[]): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node) {
      // For a key's scalar value we would rather point at the key's line: same line in block style.
      return node;
    }
  }
  return undefined;
}
