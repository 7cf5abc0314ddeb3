import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { evaluate } from '../../src/engine/evaluate.js';
import { isSubsidyError } from '../../src/errors/subsidy-error.js';
import { enterpriseRecord } from '../../src/input/enterprise-record.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { readYaml } from '../../src/load/read-yaml.js';
import { renderResult } from '../../src/render/render-result.js';
import { cli, ROOT } from '../helpers/cli.js';
import { shippedRules } from '../helpers/mini-rules.js';
import { EXAMPLES } from '../fuzz/mutate.js';
import { jsonl, scratch } from './files.js';

// Class 8 of issue 14: exit 3 (a stack trace) on data. Prototype-named values in every field,
// result files diff cannot use, a missing source text, numbers beyond any plausible range.
const s = scratch('no-crash');
const set = shippedRules();
const PROTO = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf'];
const STACK = /\n\s+at .*:\d+:\d+/;

/** Every path to a leaf (a value that is not a mapping) of a record. */
function leaves(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (v && typeof v === 'object' && !Array.isArray(v)) return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [path];
}

function setAt(rec: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(rec) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

/**
 * What calc does with a record, in process: read, evaluate (with and without traces), render
 * the explained table and JSON. Only a SubsidyError may escape.
 */
function calcInProcess(rec: unknown): string {
  try {
    const { enterprise, findings } = toEnterprise(set, rec, () => ({}));
    if (!enterprise) return findings[0]!.code;
    const ev = evaluate(set, enterprise);
    evaluate(set, enterprise, { trace: false });
    for (const format of ['table', 'json'] as const) renderResult([ev], set, { format, lang: 'zh', explain: true, all: true });
    return 'ok';
  } catch (e) {
    if (isSubsidyError(e)) return e.findings[0]!.code;
    throw e;
  }
}

describe('prototype-named values in every field', { timeout: 120_000 }, () => {
  const inputs = EXAMPLES.map((buf, i) => enterpriseRecord(readYaml(buf.toString('utf8'), `e${i}.yaml`)).record);

  it('of every example input (facts, history, region, year, id, name): a result or an error, never a crash', { timeout: 120_000 }, () => {
    let tried = 0;
    for (const rec of inputs)
      for (const path of leaves(rec)) {
        if (!path.length) continue;
        for (const word of PROTO) {
          calcInProcess(setAt(rec, path, word));
          tried++;
        }
      }
    expect(tried).toBeGreaterThan(500);
  });

  it('a history level named constructor, toString or __proto__ in a batch row: that row is an error row, the batch goes on', () => {
    const head = '企业编号,地区,年度,主体类型,商贸流通荣誉等级,history.jinyun-2025/13.level,history.jinyun-2025/13.paid_total\r\n';
    const body = PROTO.map((w, i) => `E${i},缙云县,2025,电商企业,国家级,${w},10万\r\n`).join('') + 'OK,缙云县,2025,电商企业,国家级,provincial,10万\r\n';
    const out = s.path('levels.jsonl');
    const r = cli(['batch', s.write('levels.csv', head + body), '--out', out, '--lang', 'en']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code, r.stderr).toBe(1);
    const rows = jsonl(out);
    expect(rows).toHaveLength(PROTO.length + 1);
    // A level is one of the clause's honour levels (by id, label or alias): anything else is refused, never a crash.
    expect(rows.slice(0, -1).every((x) => ['BAD_VALUE', 'NOT_A_CHOICE', 'NEAR_CHOICE'].includes(x.errors?.[0]?.code ?? ''))).toBe(true);
    expect(rows.at(-1)!.error).toBeUndefined();
  });

  it('in a --history file, as CSV and YAML: refused with the history file line, no crash', () => {
    const csv = s.write('h.csv', 'id,clause,field,value\r\nE1,jinyun-2025/13,level,constructor\r\n');
    const yaml = s.write('h.yaml', 'E1: { jinyun-2025/13: { level: toString } }\n');
    const rows = s.write('rows.csv', '企业编号,地区,年度,主体类型,商贸流通荣誉等级\r\nE1,缙云县,2025,电商企业,国家级\r\n');
    for (const [hist, line] of [
      [csv, 'h.csv:2:4'],
      [yaml, 'h.yaml:1:'],
    ] as const) {
      const r = cli(['batch', rows, '--history', hist, '--lang', 'en']);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(line);
    }
  });

  it('in every cell of a JSON Lines batch and of a CSV with every fact as a column', () => {
    const facts = [...set.facts.keys()];
    const lines = PROTO.flatMap((w) => [
      JSON.stringify({
        id: w,
        name: w,
        region: w,
        year: w,
        facts: Object.fromEntries(facts.map((f) => [f, w])),
        history: { 'jinyun-2025/13': { level: w, paid_total: w, years_paid: w } },
      }),
      JSON.stringify({
        id: 'x',
        region: '缙云县',
        year: 2025,
        facts: { commerce_honour_level: '国家级', entity_kinds: [w] },
        history: { 'jinyun-2025/13': { level: w } },
      }),
    ]);
    const out = s.path('proto.jsonl.out.jsonl');
    const r = cli(['batch', s.write('proto.jsonl', lines.join('\n') + '\n'), '--out', out, '--lang', 'en']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(1);
    expect(jsonl(out)).toHaveLength(lines.length);
  });
});

describe('diff holds both files to the result schema', { timeout: 120_000 }, () => {
  const good = cli(['calc', 'examples/lanxi-cross-border-seller.yaml', '--format', 'json']).stdout;
  const variants: [string, (j: Record<string, unknown>) => unknown][] = [
    ['no enterprise', (j) => ({ ...j, enterprise: undefined })],
    ['an amount "abc"', (j) => JSON.parse(JSON.stringify(j).replace(/"amount":"[\d.]+"/, '"amount":"abc"'))],
    ['an amount 1e999999999', (j) => JSON.parse(JSON.stringify(j).replace(/"sure":"[\d.]+"/, '"sure":"1e999999999"'))],
    ['an amount with 10,000 digits', (j) => JSON.parse(JSON.stringify(j).replace(/"sure":"[\d.]+"/, `"sure":"${'9'.repeat(10000)}.00"`))],
    ['policies that are not a list of policies', (j) => ({ ...j, policies: [{ id: 1 }] })],
    ['results with an empty record', () => ({ schemaVersion: 1, results: [{}] })],
  ];
  it.each(variants)('%s: exit 2 naming the file, never a stack trace', (name, edit) => {
    const bad = s.write(`bad-${name.replace(/\W+/g, '-')}.json`, JSON.stringify(edit(JSON.parse(good) as Record<string, unknown>), null, 2));
    const ok = s.write('good.json', good);
    for (const args of [
      [ok, bad],
      [bad, ok],
    ]) {
      const t = performance.now();
      const r = cli(['diff', ...args]);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/bad-.*\.json.*\[SCHEMA\]/);
      expect(performance.now() - t).toBeLessThan(20_000);
    }
  });
});

describe('rules coverage and lint with a source text missing', { timeout: 120_000 }, () => {
  it('name the missing text and the document pointing at it (exit 2 / 1), no crash', { timeout: 120_000 }, () => {
    const rules = s.path('rules-no-source');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const policy = parseYaml(readFileSync(join(rules, 'policies', 'lanxi-2022.yaml'), 'utf8')) as { source: string };
    rmSync(join(rules, 'sources', policy.source));
    const cov = cli(['rules', 'coverage', '--rules', rules, '--lang', 'en']);
    expect(cov.stderr).not.toMatch(STACK);
    // Coverage checks the set as lint does: the missing text is a finding (exit 1), named with the document.
    expect(cov.code).toBe(1);
    expect(cov.stderr).toMatch(new RegExp(`lanxi-2022\\.yaml.*\\[RULE_SOURCE_NOT_FOUND\\].*${policy.source.replace('.', '\\.')}`));
    const lint = cli(['rules', 'lint', '--rules', rules, '--lang', 'en']);
    expect(lint.stderr).not.toMatch(STACK);
    expect(lint.code).toBe(1);
  });
});

describe('numbers beyond any plausible range, in every kind of file', { timeout: 120_000 }, () => {
  const HUGE = [1e308, -1e308, 5e-324, '1e400', '9'.repeat(400), '-9'.repeat(1), `${'9'.repeat(60)}万`, Number.MAX_SAFE_INTEGER + 2];

  it('every numeric value of every example input, replaced: a result or an error', { timeout: 120_000 }, () => {
    let tried = 0;
    const numeric = (v: unknown) => typeof v === 'number' || (typeof v === 'string' && /^[\d.,]+(万|亿)?(美元|%)?$/.test(v));
    for (const buf of EXAMPLES) {
      const rec = enterpriseRecord(readYaml(buf.toString('utf8'), 'x.yaml')).record;
      for (const path of leaves(rec))
        if (path.length && numeric(path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], rec)))
          for (const n of HUGE) {
            calcInProcess(setAt(rec, path, n));
            tried++;
          }
    }
    expect(tried).toBeGreaterThan(300);
  });

  it('in a case file, a regime file, a history file and a batch: exit 1 or 2, never 3', { timeout: 120_000 }, () => {
    const caseFile = s.write(
      'case.yaml',
      readFileSync(join(ROOT, 'examples/lanxi-cross-border-seller.yaml'), 'utf8').replace(/amount: [^,}\n]+/, 'amount: 1e308'),
    );
    const regime = s.write(
      'regime.yaml',
      'title: t\nsource: s\nregimes:\n  - { policy: hangzhou-cbec-2024, regions: ["330106"], shares: [{ level: city, share: 1e308 }, { level: local, share: -1e308 }] }\n',
    );
    const hist = s.write('hist.csv', 'id,clause,field,value\r\nE1,lanxi-2022/8,paid_total,1e308\r\nE1,lanxi-2022/8,years_paid,1e308\r\n');
    const rows = s.write(
      'rows.csv',
      `企业编号,地区,年度,线上销售额（网络零售额）,职工养老保险参保率\r\nE1,兰溪市,2023,${'9'.repeat(400)},1e308%\r\nE2,兰溪市,2023,1e308,-1e308\r\n`,
    );
    for (const args of [
      ['test', caseFile],
      ['calc', 'examples/hangzhou-cbec-2024-seller.yaml', '--regime', regime],
      ['batch', rows, '--history', hist],
      ['batch', rows],
    ]) {
      const r = cli([...args, '--lang', 'en']);
      expect(r.stderr, args.join(' ')).not.toMatch(STACK);
      expect([1, 2], `${args.join(' ')}\n${r.stderr}`).toContain(r.code);
    }
    writeFileSync(s.path('done'), '');
  });
});
