import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../helpers/cli.js';

export const EXAMPLE = join(ROOT, 'examples/lanxi-cross-border-seller.yaml');

/** The Lanxi cross-border seller of the example file, as a person would type the answers. */
export function exampleAnswers(): Record<string, string | string[]> {
  const doc = parse(readFileSync(EXAMPLE, 'utf8')) as { input: { facts: Record<string, unknown> } };
  return Object.fromEntries(Object.entries(doc.input.facts).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
}

/**
 * A typical Lanxi enterprise: the example's figures, plus the plain "no" or
 * "none" it would give to what the example file leaves out (no overseas
 * warehouse, no farm produce, no demonstration title).
 */
export function typicalAnswers(): Record<string, string | string[]> {
  return { ...exampleAnswers(), overseas_warehouse_public: '否', uses_public_overseas_warehouse: '否', agri_online_sales: '0', demo_title_level: '无' };
}
