import type { PathPart } from '../model/rule-set.js';

/** Where a rule file's value depends on a reading, and what it is under each option. */
export type { Switch } from '../model/rule-set.js';

const KEY = 'by_reading';

export function isSwitch(node: unknown): node is Record<string, unknown> & { by_reading: string } {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && typeof (node as Record<string, unknown>)[KEY] === 'string';
}

/** Every switch node in a parsed rule file, outermost first, with its path. */
export function findSwitches(data: unknown, path: PathPart[] = []): { path: PathPart[]; node: Record<string, unknown> & { by_reading: string } }[] {
  if (isSwitch(data)) return [{ path, node: data }];
  if (Array.isArray(data)) return data.flatMap((x, i) => findSwitches(x, [...path, i]));
  if (typeof data === 'object' && data !== null) return Object.entries(data).flatMap(([k, v]) => findSwitches(v, [...path, k]));
  return [];
}

/** The options a switch node names (its keys other than by_reading). */
export function switchOptions(node: Record<string, unknown>): string[] {
  return Object.keys(node).filter((k) => k !== KEY);
}

/**
 * The file's data with every switch node replaced by its value under `choose`
 * (reading id → option id). Pure: the input is not changed.
 */
export function resolveSwitches(data: unknown, choose: (reading: string) => string): unknown {
  if (isSwitch(data)) return resolveSwitches(data[choose(data.by_reading)], choose);
  if (Array.isArray(data)) return data.map((x) => resolveSwitches(x, choose));
  if (typeof data === 'object' && data !== null) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, resolveSwitches(v, choose)]));
  return data;
}

/** A path in the resolved policy as a path in the file: through a switch, into the chosen option's value. */
export function filePath(data: unknown, path: readonly PathPart[], choose: (reading: string) => string): PathPart[] {
  const out: PathPart[] = [];
  let node = data;
  for (const part of path) {
    while (isSwitch(node)) {
      const option = choose(node.by_reading);
      out.push(option);
      node = node[option];
    }
    out.push(part);
    node = node && typeof node === 'object' ? (node as Record<PathPart, unknown>)[part] : undefined;
  }
  while (isSwitch(node)) {
    const option = choose(node.by_reading);
    out.push(option);
    node = node[option];
  }
  return out;
}

export function valueAt(data: unknown, path: readonly PathPart[]): unknown {
  let node = data;
  for (const part of path) node = node && typeof node === 'object' ? (node as Record<PathPart, unknown>)[part] : undefined;
  return node;
}

/**
 * A copy of root with the value at path replaced: only the objects along the path
 * are copied, the rest is shared. Nothing evaluates rules by changing them, and
 * sharing the untouched clauses keeps the engine's per-clause caches warm (a deep
 * copy of each policy per option was most of the cost of finding the readings in play).
 */
export function setAt<T>(root: T, path: readonly PathPart[], value: unknown): T {
  if (!path.length) return value as T;
  const [head, ...rest] = path;
  const node = root as unknown as Record<PathPart, unknown>;
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as unknown as Record<PathPart, unknown>;
  copy[head!] = setAt(node[head!], rest, value);
  return copy as unknown as T;
}
