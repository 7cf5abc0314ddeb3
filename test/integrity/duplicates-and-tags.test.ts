import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { HEAD, jsonl, row, scratch } from './files.js';

// Class 4 (duplicates resolved as "last one wins") and class 5 (structure silently dropped)
// of issue 14. Each duplicate is an error naming both places; a tag that changes structure is refused.
const s = scratch('duplicates');
const calc = (text: string, name = 'in.yaml') => cli(['calc', s.write(name, text), '--lang', 'en']);
const BASE = 'region: 兰溪市\nyear: 2023\n';

describe('a value given twice is an error naming both places', { timeout: 120_000 }, () => {
  it.each([
    ['by id and by Chinese label', 'facts:\n  online_sales: 100万\n  线上销售额（网络零售额）: 900万\n'],
    ['by id and by an alias', 'facts:\n  online_sales: 100万\n  网络零售额: 900万\n'],
    ['with a trailing space', 'facts:\n  online_sales: 100万\n  "online_sales ": 900万\n'],
  ])('one record giving a fact %s', (_name, facts) => {
    const r = calc(BASE + facts);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /in\.yaml:5:3, field facts\.[^:]+: \[DUPLICATE_GIVEN\] online_sales is given twice: first at .*in\.yaml:4:3, again at .*in\.yaml:5:3/,
    );
  });

  it('a YAML mapping whose keys differ only as written (1 and "1") is one key given twice', () => {
    const r = calc(BASE + 'facts:\n  online_sales: 100万\nhistory:\n  lanxi-2022/8: { years_paid: 1, "years_paid": 2 }\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[DUPLICATE_GIVEN]');
  });

  it('a JSON file with a key twice', () => {
    const r = calc('{"region": "兰溪市", "year": 2023, "facts": {"online_sales": "100万", "online_sales": "900万"}}', 'in.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/in\.json:1:\d+, field facts\.online_sales: \[DUPLICATE_GIVEN\]/);
  });

  it('a JSON Lines record with a key twice is an error row naming both columns; the other rows are evaluated', () => {
    const good = '{"id":"A","region":"兰溪市","year":2023,"facts":{"online_sales":"100万"}}';
    const bad = '{"id":"B","region":"兰溪市","year":2023,"facts":{"online_sales":"100万","online_sales":"900万"}}';
    const out = s.path('dup.jsonl.out.jsonl');
    const r = cli(['batch', s.write('dup.jsonl', `${good}\n${bad}\n${good}\n`), '--out', out, '--lang', 'en']);
    expect(r.code).toBe(1);
    const rows = jsonl(out);
    expect(rows.map((x) => Boolean(x.error))).toEqual([false, true, false]);
    expect(rows[1]!.errors![0]).toMatchObject({ code: 'DUPLICATE_GIVEN', field: 'facts.online_sales', column: 69 });
    expect(rows[1]!.errors![0]!.message).toMatch(/first at .*dup\.jsonl:2:47, again at .*dup\.jsonl:2:69/);
  });

  it('a CSV giving one fact in two columns: a row where they differ is an error row, one where they agree is read', () => {
    const head = '企业编号,地区,年度,online_sales,线上销售额（网络零售额）\r\n';
    const out = s.path('cols.jsonl');
    const r = cli([
      'batch',
      s.write('cols.csv', `${head}A,兰溪市,2023,100万,100万\r\nB,兰溪市,2023,100万,900万\r\nC,兰溪市,2023,,900万\r\n`),
      '--out',
      out,
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    const rows = jsonl(out);
    expect(rows.map((x) => Boolean(x.error))).toEqual([false, true, true]);
    expect(rows[1]!.errors![0]).toMatchObject({ code: 'DUPLICATE_GIVEN', column: 5 });
    expect(rows[1]!.errors![0]!.message).toContain('cols.csv:3:4, again at');
  });

  it('a history CSV giving one enterprise, clause and field twice: exit 2 naming both lines', () => {
    const hist = s.write('hist.csv', 'id,clause,field,value\r\nA,lanxi-2022/8,years_paid,1\r\nA,lanxi-2022/3,years_paid,1\r\nA,lanxi-2022/8,years_paid,2\r\n');
    const r = cli(['batch', s.write('h.csv', HEAD + row('A')), '--history', hist, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /hist\.csv:4:4, field lanxi-2022\/8\.years_paid: \[DUPLICATE_GIVEN\] A lanxi-2022\/8\.years_paid is given twice: first at .*hist\.csv:2:4, again at .*hist\.csv:4:4/,
    );
  });

  it('a history YAML giving one enterprise twice (1 and "1")', () => {
    const hist = s.write('hist.yaml', '1: { lanxi-2022/8: { years_paid: 1 } }\n"1": { lanxi-2022/8: { years_paid: 2 } }\n');
    const r = cli(['batch', s.write('h1.csv', HEAD + row('1')), '--history', hist, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hist\.yaml:2:1.*\[DUPLICATE_GIVEN\]/);
  });

  it('a regime file giving one region of a document twice, or one level twice in a split', () => {
    const regime = (regimes: string) => s.write('regime.yaml', `title: t\nsource: s\nregimes:\n${regimes}`);
    const a = '  - { policy: hangzhou-cbec-2024, regions: ["330106"], shares: [{ level: city, share: 50% }, { level: local, share: 50% }] }\n';
    const b = '  - { policy: hangzhou-cbec-2024, regions: ["330106"], shares: [{ level: city, share: 20% }, { level: local, share: 80% }] }\n';
    const c = '  - { policy: hangzhou-cbec-2024, regions: ["330108"], shares: [{ level: city, share: 50% }, { level: city, share: 50% }] }\n';
    for (const text of [a + b, c]) {
      const r = cli(['calc', 'examples/hangzhou-cbec-2024-seller.yaml', '--regime', regime(text), '--lang', 'en']);
      expect(r.code, text).toBe(2);
      // The regime file's checks (src/check/check-regime.ts): a place twice for a document overlaps, a level twice in a split.
      expect(r.stderr).toMatch(/regime\.yaml:\d+:\d+.*\[(RULE_REGIME_OVERLAP|RULE_LEVEL_TWICE)\]/);
    }
  });
});

describe('YAML tags that change structure are refused, not half-read', { timeout: 120_000 }, () => {
  it.each([
    ['!!omap', 'facts: !!omap [{ online_sales: 100万 }, { pension_coverage: 95% }]\n'],
    ['!!set', 'facts:\n  entity_kinds: !!set { 电商企业 }\n'],
    ['!!pairs', 'facts: !!pairs [{ online_sales: 100万 }]\n'],
    ['!!binary', 'facts:\n  online_sales: !!binary MTAw\n'],
    ['!!timestamp', 'facts:\n  online_sales: !!timestamp 2024-01-01\n'],
    ['a local tag', 'facts:\n  online_sales: !money 100万\n'],
  ])('%s in an enterprise file: exit 2 naming the tag and its line, never a total of 0', (_tag, facts) => {
    const r = calc(BASE + facts);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/in\.yaml:[34]:\d+.*\[YAML_TAG\] the tag !/);
  });

  it('in a batch YAML item: that item is an error row, the others are evaluated', () => {
    const out = s.path('tags.jsonl');
    const item = (id: string, facts: string) => `- id: ${id}\n  region: 兰溪市\n  year: 2023\n  facts: ${facts}\n`;
    const r = cli([
      'batch',
      s.write('tags.yaml', item('A', '{ online_sales: 100万 }') + item('B', '!!omap [{ online_sales: 100万 }]') + item('C', '{ online_sales: 100万 }')),
      '--out',
      out,
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    expect(jsonl(out).map((x) => x.errors?.[0]?.code ?? 'ok')).toEqual(['ok', 'YAML_TAG', 'ok']);
  });
});

describe('rule files: one name or place given twice is refused at load', { timeout: 120_000 }, () => {
  const edited = (file: string, find: string, replace: string) => {
    const dir = s.path(`rules-${Math.random().toString(36).slice(2)}`);
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).toContain(find);
    writeFileSync(join(dir, file), text.replace(find, replace));
    return dir;
  };
  it.each([
    ['an alias of one fact that is the label of another', 'facts.yaml', 'aliases: [汇率, 美元汇率]', 'aliases: [汇率, 美元汇率, 主体类型]', 'RULE_NAME_CLASH'],
    [
      'a split naming a level twice',
      'policies/hangzhou-ecommerce-2022.yaml',
      'shares: [{ level: local, share: 75% }, { level: city, share: 25% }]',
      'shares: [{ level: local, share: 75% }, { level: local, share: 25% }]',
      'RULE_LEVEL_TWICE',
    ],
    [
      'a region code twice',
      'regions.yaml',
      "  - { code: '330781', name: 兰溪市, en: Lanxi, kind: county_city, parent: '330700' }",
      "  - { code: '330781', name: 兰溪市, en: Lanxi, kind: county_city, parent: '330700' }\n  - { code: '330781', name: 兰溪, en: Lanxi2, kind: county_city, parent: '330700' }",
      'RULE_DUPLICATE_ID',
    ],
  ])('%s', (_name, file, find, replace, code) => {
    // Lint reports what it finds (exit 1), and the same set is refused everywhere else (exit 2).
    const rules = edited(file, find, replace);
    const r = cli(['rules', 'lint', '--rules', rules, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file.split('/').pop()!.replace('.', '\\.')}:\\d+:\\d+.*\\[${code}\\]`));
    expect(cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', rules]).code).toBe(2);
  });
});
