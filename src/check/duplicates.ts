import type { Finding, Position } from '../errors/codes.js';

/** A place as `file:line:column`, to name the first of two places in a message. */
export function placeOf(p: Position): string {
  return [p.file, p.line, p.column].filter((x) => x !== undefined).join(':') || String(p.field ?? '?');
}

/**
 * One DUPLICATE_GIVEN finding for each item given again after its first place:
 * `items` are [key, place] in order; a key seen before is a duplicate.
 */
export function duplicateFindings(items: Iterable<[string, Position]>, item: (key: string) => string = (k) => k): Finding[] {
  const first = new Map<string, Position>();
  const out: Finding[] = [];
  for (const [key, pos] of items) {
    const before = first.get(key);
    if (before) out.push({ code: 'DUPLICATE_GIVEN', args: { item: item(key), first: placeOf(before), second: placeOf(pos) }, ...pos });
    else first.set(key, pos);
  }
  return out;
}
