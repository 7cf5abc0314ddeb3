import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FIXED_HEADERS } from '../../src/batch/convert/map-headers.js';
import { templateFacts } from '../../src/batch/template/template-facts.js';
import { regionsStartingWith, resolveRegion } from '../../src/model/regions.js';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';
import { factsOfAward, factsOfCondition } from '../../src/rules/walk.js';
import { cli } from '../helpers/cli.js';
import { tmp } from '../xlsx/helpers.js';

/**
 * Less friction for a consultant: a template with only the columns that matter,
 * the headers people already use, short place names, and calc on one row of a
 * batch table. Counts come from the loaded rules, so a new policy changes nothing here.
 */
const T = 120_000;
const set = loadRulesSync(DEFAULT_RULES_DIR);
const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();
const header = (text: string) => (parse(text.replace(/^\uFEFF/, ''), { to: 1 }) as string[][])[0]!;

describe('short region names', () => {
  it('a start of exactly one region name finds it; a start shared by several finds none and lists them', () => {
    for (const r of set.regions.values()) {
      const chars = [...r.name];
      for (let n = 2; n <= chars.length; n++) {
        const start = chars.slice(0, n).join('');
        const all = [...set.regions.values()].filter((x) => x.name.startsWith(start)).map((x) => x.code);
        const exact = [...set.regions.values()].find((x) => x.name === start);
        expect(resolveRegion(set, start), start).toBe(exact?.code ?? (all.length === 1 ? all[0] : undefined));
        expect(regionsStartingWith(set, start)).toEqual(all);
      }
      expect(resolveRegion(set, chars[0]!)).toBe(set.regions.has(chars[0]!) ? chars[0] : [...set.regions.values()].find((x) => x.name === chars[0])?.code);
    }
  });

  it(
    '兰溪 and 莲都 are accepted by calc, batch cells and --region; 丽水 is refused naming the places',
    () => {
      const dir = tmp();
      const yaml = join(dir, 'e.yaml');
      writeFileSync(yaml, 'region: 兰溪\nyear: 2023\nfacts: { online_sales: 500万 }\n');
      const c = cli(['calc', yaml, '--format', 'json']);
      expect(c.code, c.stderr).toBe(0);
      expect(JSON.parse(c.stdout).enterprise.region).toBe('330781');
      const csv = join(dir, 'b.csv');
      writeFileSync(csv, '企业编号,地区,年度\nE1,莲都,2023\nE2,丽水,2023\nE3,,2023\n');
      const b = cli(['batch', csv, '--region', '兰溪', '--out', join(dir, 'b.jsonl')]);
      const rows = readFileSync(join(dir, 'b.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((x) => 'row' in x);
      expect(rows.map((r) => r.enterprise.region)).toEqual(['331102', '丽水', '330781']);
      expect(rows[1].errors[0].code).toBe('AMBIGUOUS_REGION');
      expect(rows[1].errors[0].message).toContain('丽水市区');
      expect(b.code).toBe(1);
      const opt = cli(['calc', yaml, '--region', '丽水']);
      expect(opt.code).toBe(2);
      expect(opt.stderr).toContain('--region');
      expect(opt.stderr).toContain('[AMBIGUOUS_REGION]');
    },
    T,
  );
});

describe('usual headers', () => {
  it('are aliases of the fixed columns, and none is also the name of a fact', () => {
    const fixed = new Map(Object.entries(FIXED_HEADERS).flatMap(([k, names]) => names.map((n) => [norm(n), k])));
    for (const f of set.facts.values()) for (const n of [f.id, f.label.zh, ...f.aliases]) expect(fixed.get(norm(n)), `${f.id}: ${n}`).toBeUndefined();
    for (const [key, names] of [
      ['year', ['年份', '年度']],
      ['region', ['所在区县', '地区', '区域']],
      ['name', ['公司名称', '企业名称', '单位名称']],
      ['id', ['统一社会信用代码']],
    ] as const)
      for (const n of names) expect(FIXED_HEADERS[key].map(norm)).toContain(norm(n));
  });

  it(
    'a CSV with them is read like the template',
    () => {
      const dir = tmp();
      const a = join(dir, 'a.csv');
      const b = join(dir, 'b.csv');
      writeFileSync(a, '企业编号,企业名称,地区,年度,网络零售额\n91330781MA2XXXXX1,甲公司,兰溪市,2023,800万\n');
      writeFileSync(b, '统一社会信用代码,单位名称,所在区县,年份,网络零售额\n91330781MA2XXXXX1,甲公司,兰溪市,2023,800万\n');
      const out = (f: string) => {
        const r = cli(['batch', f, '--out', f + '.jsonl'], undefined, { SOURCE_DATE_EPOCH: '0' });
        expect(r.stderr).not.toContain('UNKNOWN_COLUMN');
        return readFileSync(f + '.jsonl', 'utf8').split('\n')[0];
      };
      expect(out(b)).toBe(out(a));
    },
    T,
  );
});

describe('template --region/--policy/--kind', () => {
  it('writes exactly the facts read by the paying clauses that can apply and their disqualifiers', () => {
    for (const lp of set.policies) {
      const want = new Set<string>();
      for (const ex of lp.policy.exclusions) for (const [f] of factsOfCondition(ex.when, [])) want.add(f);
      for (const c of lp.policy.clauses.filter((x) => x.status === 'computable' || x.status === 'ceiling')) {
        if (c.beneficiary) want.add('entity_kinds');
        if (c.when) for (const [f] of factsOfCondition(c.when, [])) want.add(f);
        if (c.award) for (const [f] of factsOfAward(c.award, [])) want.add(f);
      }
      for (const f of [...want]) if (set.facts.get(f)?.derive_from_cny) want.add(set.facts.get(f)!.derive_from_cny!).add('usd_cny_rate');
      expect(new Set(templateFacts(set, { policies: [lp.policy.id] }).map((f) => f.id))).toEqual(want);
    }
  });

  it(
    'narrows by kind of entity, and the CLI writes those columns after the fixed ones',
    () => {
      const all = templateFacts(set, { region: '兰溪' });
      const kind = templateFacts(set, { region: '兰溪', kinds: '跨境电商企业' });
      expect(kind.length).toBeLessThan(all.length);
      expect(kind.every((f) => all.includes(f))).toBe(true);
      const r = cli(['template', '--region', '兰溪', '--kind', '跨境电商企业']);
      expect(r.code, r.stderr).toBe(0);
      expect(header(r.stdout)).toEqual(['企业编号', '企业名称', '地区', '年度', ...kind.map((f) => f.label.zh)]);
      expect(r.stdout.split('\n')[2]).toContain('兰溪市');
      const bad = cli(['template', '--policy', 'lanxi-2023']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('lanxi-2022');
    },
    T,
  );
});

describe('calc on a batch table', () => {
  it(
    'says to use batch, or evaluates the row chosen by --row or --id exactly as batch does',
    () => {
      const dir = tmp();
      const csv = join(dir, 't.csv');
      writeFileSync(csv, '企业编号,地区,年度,网络零售额,职工养老保险参保率\nE1,兰溪,2023,800万,95%\nE2,兰溪市,2023,3000万,95%\nE2,兰溪市,2024,1,95%\n');
      const plain = cli(['calc', csv]);
      expect(plain.code).toBe(2);
      expect(plain.stderr).toContain('[TABLE_FOR_CALC]');
      expect(plain.stderr).toContain(`subsidy batch ${csv}`);
      const b = cli(['batch', csv, '--out', join(dir, 'b.jsonl')]);
      expect(b.code).toBe(0);
      const batchRows = readFileSync(join(dir, 'b.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((x) => 'row' in x);
      const byRow = cli(['calc', csv, '--row', '2', '--format', 'json']);
      expect(byRow.code, byRow.stderr).toBe(0);
      expect(JSON.parse(byRow.stdout).totals).toEqual(batchRows[1].totals);
      const byId = cli(['calc', csv, '--id', 'E1', '--format', 'json']);
      expect(JSON.parse(byId.stdout).totals).toEqual(batchRows[0].totals);
      const twice = cli(['calc', csv, '--id', 'E2']);
      expect(twice.code).toBe(2);
      expect(twice.stderr).toContain('[ID_TWICE]');
      expect(cli(['calc', csv, '--row', '4']).stderr).toContain('[ROW_NOT_FOUND]');
      // The JSON carries the row as its input, so verify recomputes it.
      writeFileSync(join(dir, 'r.json'), byRow.stdout);
      expect(cli(['verify', join(dir, 'r.json')]).code).toBe(0);
    },
    T,
  );
});
