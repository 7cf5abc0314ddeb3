import type { ErrorCode, Finding, Position } from './codes.js';

/** How many findings of one kind are listed, each with its did-you-mean; the rest are counted. */
export const LISTED_PER_KIND = 10;

/**
 * Keeps reports of unknown names in proportion: a record with 16,000 unknown keys
 * or a header of 10,000 unknown columns gets the first few named (a did-you-mean
 * costs a distance to every known name) and one line saying how many more there are.
 */
export class FindingBudget {
  private readonly counts = new Map<ErrorCode, number>();

  /** Whether the next finding of this kind is to be listed (and worth a did-you-mean). */
  take(code: ErrorCode): boolean {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    return n <= LISTED_PER_KIND;
  }

  /** One MORE_FINDINGS per kind that went over, placed at `at` (a function: a position can cost a parse, read-yaml.ts). */
  rest(at: Position | (() => Position) = {}): Finding[] {
    const out: Finding[] = [];
    for (const n of this.counts.values())
      if (n > LISTED_PER_KIND) out.push({ code: 'MORE_FINDINGS', args: { count: n - LISTED_PER_KIND }, ...(typeof at === 'function' ? at() : at) });
    return out;
  }
}
