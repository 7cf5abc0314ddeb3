import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FactSchema } from '../../src/schema/fact-schema.js';
import { AwardSchema, ClauseSchema } from '../../src/schema/policy-schema.js';
import { ROOT } from '../helpers/cli.js';

/**
 * The guide for adding a policy shows YAML a policy person will copy: every award in its
 * table, and every clause, award and fact block, must have the shape the loader accepts,
 * in both languages. (Fact ids there are illustrative; references are lint's business.)
 */
const GUIDES = ['docs/adding-a-policy.md', 'docs/添加政策.md'];

function snippets(text: string) {
  const inline = [...text.matchAll(/^\| `[a-z_ /`]+` \|[^|]*\| `(\{ kind: [^`]+\})`/gm)].map((m) => m[1]!);
  // A block may hold several examples, a blank line apart.
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split(/\n\s*\n/));
  return { inline, blocks };
}

describe.each(GUIDES)('%s', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const { inline, blocks } = snippets(text);

  it('every award in the kinds table parses as an award', () => {
    expect(inline.length).toBeGreaterThanOrEqual(9);
    for (const s of inline) {
      if (s.includes('…')) continue; // sum, cases: shapes shown with their parts elided
      const r = AwardSchema.safeParse(parse(s));
      expect(r.success, `${s}\n${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
  });

  it("every clause, award and fact block parses with the loader's schema", () => {
    let checked = 0;
    for (const b of blocks) {
      const doc = parse(b.replace(/\s…\s/g, ' x '));
      const items = Array.isArray(doc) ? doc : [doc];
      for (const item of items) {
        if (item && 'quote' in item && 'status' in item && 'id' in item && 'number' in item) {
          const r = ClauseSchema.safeParse(item);
          expect(r.success, `${b}\n${JSON.stringify(r.error?.issues)}`).toBe(true);
          checked++;
        } else if (item && 'award' in item && Object.keys(item).length === 1) {
          const r = AwardSchema.safeParse(item.award);
          expect(r.success, `${b}\n${JSON.stringify(r.error?.issues)}`).toBe(true);
          checked++;
        } else if (item && 'type' in item && 'label' in item && 'question' in item) {
          const r = FactSchema.safeParse(item);
          expect(r.success, `${b}\n${JSON.stringify(r.error?.issues)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});
