import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { checkRules } from '../../src/load/validate-rules.js';
import { coverage } from '../../src/lint/coverage.js';
import { canonicalNumber, sourceItems } from '../../src/check/source-items.js';
import { brokenCopy, run } from '../helpers/broken-rules.js';
import { cli } from '../helpers/cli.js';

const shipped = loadRulesSync();
const TEXTS = readdirSync(join(DEFAULT_RULES_DIR, 'sources')).filter((n) => n.endsWith('.txt'));

describe('subsidy rules new <source.txt> --id ID', () => {
  it('there are source texts to scaffold', () => {
    expect(TEXTS.length).toBe(new Set(shipped.policies.map((p) => p.policy.source)).size);
  });

  it.concurrent.each(TEXTS)(
    '%s: a scaffold that lints with only todo findings and finds every item coverage counts',
    async (text) => {
      const { dir } = brokenCopy([]);
      const id = `new-${text.slice(0, 3)}`;
      const out = join(dir, 'policies', `${id}.yaml`);
      const r = await run(['rules', 'new', join(dir, 'sources', text), '--id', id, '--out', out, '--rules', dir]);
      expect(r.code, r.stderr).toBe(0);
      const { set, findings } = checkRules(dir);
      const other = findings.filter((f) => f.code !== 'RULE_TODO');
      expect(other, other.map((f) => `${f.code} ${f.field} ${JSON.stringify(f.args)}`).join('\n')).toEqual([]);
      const scaffold = set!.policies.find((p) => p.policy.id === id)!.policy;
      // Every clause and every reviewed field is reported as unfinished, nothing else.
      expect(findings.length).toBe(scaffold.clauses.length + (scaffold.review?.length ?? 0));
      expect(scaffold.clauses.every((c) => c.status === 'todo')).toBe(true);
      // Coverage counts each numbered clause of the scaffold as an item, and finds nothing unaccounted.
      const row = coverage(set!).find((x) => x.policy === id)!;
      expect(row.unaccounted).toEqual([]);
      expect(row.todo).toBe(scaffold.clauses.length);
      expect(row.items).toBe(scaffold.clauses.filter((c) => canonicalNumber(c.number, scaffold.numbering) !== undefined).length);
      // And it finds the very items the hand-made encoding of that text accounts for.
      const source = readFileSync(join(dir, 'sources', text), 'utf8');
      for (const { policy } of shipped.policies.filter((p) => p.policy.source === text)) {
        expect(scaffold.numbering).toEqual(expect.arrayContaining(policy.numbering));
        const mine = new Map<string, number>();
        for (const c of scaffold.clauses) {
          const key = canonicalNumber(c.number, scaffold.numbering);
          if (key && sourceItems(policy, source).has(key)) mine.set(key, (mine.get(key) ?? 0) + 1);
        }
        expect(mine).toEqual(sourceItems(policy, source));
        expect([...mine.values()].reduce((a, b) => a + b, 0)).toBe(coverage(shipped).find((x) => x.policy === policy.id)!.items);
      }
    },
    120_000,
  );

  it('a scaffolded set loads: calc shows the todo clauses as information rows (待编码)', async () => {
    const { dir } = brokenCopy([]);
    const text = shipped.policies.find((p) => p.policy.applies_to.includes('330781'))!.policy.source;
    expect(
      (await run(['rules', 'new', join(dir, 'sources', text), '--id', 'new-lanxi', '--out', join(dir, 'policies', 'new-lanxi.yaml'), '--rules', dir])).code,
    ).toBe(0);
    const r = await run(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', dir, '--all']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/to be encoded/g)?.length).toBeGreaterThan(0);
    const zh = cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', dir, '--all']);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('待编码');
    const json = JSON.parse(cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', dir, '--format', 'json']).stdout);
    const rows = json.policies
      .flatMap((p: { clauses: { id: string; status: string; ruleStatus: string }[] }) => p.clauses)
      .filter((c: { id: string }) => c.id.startsWith('new-lanxi/'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((c: { status: string; ruleStatus: string }) => c.status === 'info' && c.ruleStatus === 'todo')).toBe(true);
  }, 120_000);

  it('the particulars are read from the text and marked for review', async () => {
    const lanxi = shipped.policies.find((p) => p.policy.id === 'lanxi-2022')!.policy;
    const r = await run(['rules', 'new', join(DEFAULT_RULES_DIR, 'sources', lanxi.source), '--id', 'x']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`doc_number: "${lanxi.doc_number}"  # TODO 核对`);
    expect(r.stdout).toContain(`from: '${lanxi.validity.from}'`);
    expect(r.stdout).toContain(`title: "${lanxi.title}"  # TODO 核对`);
    expect(r.stdout).toMatch(/^review: \[title, issuer, doc_number, level, status, validity, applies_to, fiscal\]$/m);
  }, 60_000);

  it('refuses a missing --id, an existing --out, and a source name that is not plain ASCII', async () => {
    const { dir } = brokenCopy([]);
    const src = join(dir, 'sources', TEXTS[0]!);
    expect((await run(['rules', 'new', src])).code).toBe(2);
    writeFileSync(join(dir, 'taken.yaml'), 'x');
    expect((await run(['rules', 'new', src, '--id', 'a', '--out', join(dir, 'taken.yaml')])).code).toBe(2);
    writeFileSync(join(dir, '政策.txt'), 'x');
    expect((await run(['rules', 'new', join(dir, '政策.txt'), '--id', 'a'])).code).toBe(2);
  }, 60_000);
});
