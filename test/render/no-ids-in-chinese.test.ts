import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { cli } from '../helpers/cli.js';

/**
 * What a Chinese reader sees must name things by their Chinese labels: no fact id,
 * no kind or level id, no status id, no clause or policy id. The ids are taken from
 * the loaded rule set, so a new policy's ids are checked too.
 */
const set = loadRulesSync();
const ids = new Set<string>();
for (const f of set.facts.values()) {
  ids.add(f.id);
  for (const v of f.values ?? []) ids.add(v.id);
}
for (const lp of set.policies) {
  ids.add(lp.policy.id);
  for (const c of lp.policy.clauses) ids.add(c.id);
  for (const x of lp.policy.exclusions) ids.add(x.id);
}
for (const w of [
  'province',
  'city',
  'local',
  'eligible',
  'ceiling',
  'needs_data',
  'not_eligible',
  'excluded',
  'superseded',
  'not_in_force',
  'not_covered',
  'paid_total',
  'years_paid',
  'times_paid',
  'highest_tier',
  'item',
  'year',
  'cumulative',
  'once',
  'event',
  'min',
  'max',
  'floor',
])
  ids.add(w);

/** Ids that also occur as ordinary text inside quotes (platform names) are only ids when they stand alone. */
function idsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9_./-]*[A-Za-z0-9]/g)) if (ids.has(m[0])) found.add(m[0]);
  return [...found];
}

const examples = readdirSync('examples')
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => `examples/${n}`);
const dir = mkdtempSync(join(tmpdir(), 'subsidy-zh-'));

describe('Chinese output names things in Chinese', () => {
  it.each(['table', 'csv', 'md'])(
    'calc --format %s --explain --all on every example',
    (format) => {
      for (const file of examples) {
        const r = cli(['calc', file, '--format', format, '--explain', '--all', '--hints', '--missing']);
        expect(r.code, r.stderr).toBe(0);
        expect({ file, ids: idsIn(r.stdout) }).toEqual({ file, ids: [] });
      }
      // One CLI run per example: on the shared build machine that can take a minute or more.
    },
    240000,
  );

  it('calc --format html --all: the calculation sheet as a reader sees it (tags and style left out)', () => {
    const text = (page: string) => page.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]*>/g, ' ');
    for (const file of examples) {
      const r = cli(['calc', file, '--format', 'html', '--all']);
      expect(r.code, r.stderr).toBe(0);
      expect({ file, ids: idsIn(text(r.stdout)) }).toEqual({ file, ids: [] });
    }
    const pages = join(dir, 'pages');
    expect(cli(['batch', 'examples/batch/all-examples.yaml', '--out', pages, '--format', 'html']).code).toBe(0);
    for (const name of readdirSync(pages)) expect({ name, ids: idsIn(text(readFileSync(join(pages, name), 'utf8'))) }).toEqual({ name, ids: [] });
  }, 240000);

  it('batch: terminal summary, CSV, Markdown and the per-enterprise summary', () => {
    const out = join(dir, 'r.csv');
    const md = join(dir, 'r.md');
    const summary = join(dir, 's.csv');
    const r = cli(['batch', 'examples/batch/all-examples.yaml', '--hints', '--out', out, '--summary', summary]);
    expect(r.code, r.stderr).toBe(0);
    expect(cli(['batch', 'examples/batch/all-examples.yaml', '--out', md]).code).toBe(0);
    for (const [what, text] of [
      ['terminal', r.stdout],
      ['csv', readFileSync(out, 'utf8')],
      ['md', readFileSync(md, 'utf8')],
      ['summary', readFileSync(summary, 'utf8')],
    ] as [string, string][])
      expect({ what, ids: idsIn(text) }).toEqual({ what, ids: [] });
  });

  it('--ids shows them, for whoever maps output back to the rules', () => {
    const r = cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--ids']);
    expect(r.stdout).toContain('lanxi-2022/8');
    expect(idsIn(r.stdout).length).toBeGreaterThan(0);
  });

  it('the checker is not blind: an id in the text is found', () => {
    expect(idsIn('缺少: overseas_warehouse_public、上限 (year)')).toEqual(['overseas_warehouse_public', 'year']);
  });
});
