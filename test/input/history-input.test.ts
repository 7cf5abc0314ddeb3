import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleSetWith, shippedRules } from '../helpers/mini-rules.js';
import { Decimal } from '../../src/money/decimal.js';
import { cli } from '../helpers/cli.js';
import { headerNames, mapHeaders } from '../../src/batch/convert/map-headers.js';
import { readHistory } from '../../src/batch/read/read-history.js';
import { RowConverter } from '../../src/batch/convert/row-to-record.js';
import { SubsidyError } from '../../src/errors/subsidy-error.js';
import { formatFinding } from '../../src/i18n/format-error.js';
import { acceptedNames } from '../../src/input/enum-choices.js';
import { HISTORY_FIELDS, historyUses, readHistoryField } from '../../src/input/read-history-entry.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { withReadings } from '../../src/readings/apply-readings.js';
import { parseAmount } from '../../src/money/parse-amount.js';

/**
 * History is read like facts, by one function (readHistoryField) behind every
 * path: an input file's `history:`, a batch column history.<clause>.<field>,
 * and a --history file. Clauses, tiers and levels come from the loaded rules.
 */
const set = shippedRules();
const uses = [...historyUses(set).values()];
const dir = mkdtempSync(join(tmpdir(), 'subsidy-history-'));

/** What calc makes of one history value: the typed value, or the error code. */
function viaCalc(clause: string, field: string, raw: unknown): string {
  const te = toEnterprise(set, { region: '兰溪市', year: 2023, history: { [clause]: { [field]: raw } } }, () => ({}));
  if (te.findings.length) return te.findings.map((f) => f.code).join(',');
  const v = (te.enterprise!.history.get(clause) as Record<string, unknown> | undefined)?.[field];
  return v === undefined ? 'blank' : String(v);
}

/** What a batch row with the column history.<clause>.<field> makes of it. */
function viaColumn(clause: string, field: string, raw: string): string {
  const header = ['企业编号', '地区', '年度', `history.${clause}.${field}`];
  const { columns, findings } = mapHeaders(set, headerNames(set), header, { file: 'x.csv', line: 1 });
  if (findings.length) return findings.map((f) => f.code).join(',');
  const conv = new RowConverter(set, columns, { file: 'x.csv' });
  const r = conv.fromRow({ row: 1, line: 2, cells: ['E1', '兰溪市', '2023', raw] });
  if (r.findings.length) return r.findings.map((f) => f.code).join(',');
  const v = (r.enterprise!.history.get(clause) as Record<string, unknown> | undefined)?.[field];
  return v === undefined ? 'blank' : String(v);
}

/** What a --history CSV line makes of it: refused at once (exit 2) or carried to the row, where calc's reader types it. */
function viaHistoryFile(clause: string, field: string, raw: string): string {
  const file = join(dir, `h-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, `id,clause,field,value\nE1,${clause},${field},"${raw.replace(/"/g, '""')}"\n`);
  try {
    const book = readHistory(file, set, new Set(historyUses(set).keys()));
    return viaCalc(clause, field, book.get('E1')?.[clause]?.[field] ?? '');
  } catch (e) {
    if (e instanceof SubsidyError) return e.findings.map((f) => f.code).join(',');
    throw e;
  }
}

const levelUses = uses.filter((u) => u.levelFacts.length);
const tierUses = uses.filter((u) => u.tiers.length);

describe('history values are read like facts', () => {
  it('the rules have clauses with levels, first-reached tiers and no history at all (else this file tests little)', () => {
    expect(levelUses.length).toBeGreaterThan(0);
    expect(tierUses.length).toBeGreaterThan(0);
    expect(uses.some((u) => !u.needed.length)).toBe(true);
  });

  it("level: every id, label and alias of the clause's levels fact (省级, 国家级, 省级示范 …) is normalised to the id", () => {
    for (const u of levelUses)
      for (const f of u.levelFacts)
        for (const { text, id } of acceptedNames(f)) expect(viaCalc(u.clause.id, 'level', text), `${u.clause.id}: ${text}`).toBe(id);
    const honour = levelUses.find((u) => u.levelFacts.some((f) => f.values!.some((v) => v.id === 'provincial')));
    if (honour) for (const t of ['省级', '省级示范', 'provincial', 'Provincial']) expect(viaCalc(honour.clause.id, 'level', t)).toBe('provincial');
  });

  it("highest_tier: a tier's label, where the rule gives one, reads as its threshold", () => {
    const tiers = [
      { at: '500万', amount: '5万', label: '第一档' },
      { at: '2000万', amount: '10万', label: '第二档' },
    ];
    const s2 = ruleSetWith([
      {
        id: 'test/x',
        number: '1',
        title: '首次达档',
        quote: 'test quote',
        status: 'computable',
        frequency: 'one_off',
        award: { kind: 'tiers', mode: 'first_reached', base: { fact: 'online_sales' }, tiers },
      },
    ]);
    expect(readHistoryField(s2, 'test/x', 'highest_tier', '第二档')).toEqual({ ok: true, value: new Decimal(20000000) });
    expect(readHistoryField(s2, 'test/x', 'highest_tier', '第三档')).toMatchObject({ ok: false, code: 'NOT_A_TIER' });
  });

  it('highest_tier: each threshold as written and as plain digits; anything else names the valid thresholds', () => {
    for (const u of tierUses) {
      const all = u.tiers.map((t) => t.text).join('、');
      for (const t of u.tiers) {
        expect(viaCalc(u.clause.id, 'highest_tier', t.text)).toBe(t.at.toFixed());
        expect(viaCalc(u.clause.id, 'highest_tier', t.at.toFixed())).toBe(t.at.toFixed());
        expect(viaCalc(u.clause.id, 'highest_tier', t.at.toNumber())).toBe(t.at.toFixed());
        const off = readHistoryField(set, u.clause.id, 'highest_tier', t.at.plus(1).toFixed());
        expect(off.ok).toBe(false);
        if (!off.ok) {
          expect(off.code).toBe('NOT_A_TIER');
          expect(formatFinding({ code: off.code, args: off.args }, 'zh')).toContain(`可填：${all}`);
          expect(formatFinding({ code: off.code, args: off.args }, 'zh')).toContain(u.clause.title);
        }
      }
    }
  });

  it('highest_tier given as the award received (5万 for the 500万 tier) is refused with the threshold suggested', () => {
    // A clause whose first tier's award is not also one of its thresholds (else the amount would be a valid answer).
    const amountOf = (t: { amount: string }) => parseAmount(t.amount)!.value;
    const u = tierUses.find((x) => !x.tiers.some((y) => y.at.equals(amountOf(x.tiers[0]!))))!;
    expect(u).toBeDefined();
    const t = u.tiers[0]!;
    const r = readHistoryField(set, u.clause.id, 'highest_tier', t.amount);
    expect(r).toMatchObject({ ok: false, code: 'NOT_A_TIER', hint: { code: 'DID_YOU_MEAN', suggestion: t.text } });
  });

  it('a field the clause does not use is an error naming the clause, and what it does use', () => {
    for (const u of uses)
      for (const field of HISTORY_FIELDS) {
        if (u.accepted.includes(field)) continue;
        const r = readHistoryField(set, u.clause.id, field, field === 'level' ? '省级' : '1');
        expect(r.ok, `${u.clause.id}.${field}`).toBe(false);
        if (r.ok) continue;
        expect(r.code).toBe('HISTORY_FIELD_UNUSED');
        const zh = formatFinding({ code: r.code, args: r.args }, 'zh');
        expect(zh).toContain(`“${u.clause.title}”`);
        expect(zh).not.toMatch(/[a-z]_[a-z]/); // no field ids in Chinese
      }
  });

  it('prototype names as a level, a clause or a field are errors, never a crash', () => {
    for (const bad of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      for (const u of levelUses) expect(['NOT_A_CHOICE', 'NEAR_CHOICE']).toContain(viaCalc(u.clause.id, 'level', bad));
      for (const u of tierUses) expect(viaCalc(u.clause.id, 'highest_tier', bad)).toBe('NOT_A_TIER');
      expect(readHistoryField(set, bad, 'level', '省级')).toMatchObject({ ok: false, code: 'UNKNOWN_CLAUSE' });
      expect(readHistoryField(set, uses[0]!.clause.id, bad, '1')).toMatchObject({ ok: false, code: 'UNKNOWN_FIELD' });
    }
  });

  it('the three paths agree: an input file, a batch column and a --history line give the same value or the same error', () => {
    const clauses = uses.map((u) => u.clause.id);
    const raws = [
      '省级',
      '省极',
      '国家级',
      'national',
      'constructor',
      '500万',
      '2000万',
      '5万',
      '1亿',
      '100万',
      '3',
      '1.5',
      '-1万',
      '2年',
      '十万',
      '50万美元',
      '12%',
      '',
      '不详',
    ];
    const levelish = levelUses.flatMap((u) => u.levelFacts.flatMap((f) => acceptedNames(f).map((n) => n.text)));
    const tierish = tierUses.flatMap((u) => u.tiers.map((t) => t.text));
    fc.assert(
      fc.property(fc.constantFrom(...clauses), fc.constantFrom(...HISTORY_FIELDS), fc.constantFrom(...raws, ...levelish, ...tierish), (clause, field, raw) => {
        const a = viaCalc(clause, field, raw);
        expect(viaColumn(clause, field, raw), `${clause}.${field}=${raw}`).toBe(a);
        expect(viaHistoryFile(clause, field, raw), `${clause}.${field}=${raw}`).toBe(a);
      }),
      { numRuns: 300 },
    );
  });

  it('calc: a bad level is exit 2 with a did-you-mean in Chinese; 省级 pays the upgrade difference', () => {
    const file = join(dir, 'jy.yaml');
    const body = (level: string) =>
      `region: 缙云县\nyear: 2025\nfacts:\n  entity_kinds: 电商企业\n  listed_dishonest: 否\n  application_falsified: 否\n  commerce_honour_level: 国家级\nhistory:\n  jinyun-2025/13: { level: ${level} }\n`;
    writeFileSync(file, body('省极'));
    const bad = cli(['calc', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[NEAR_CHOICE] “省极” 不是可选项；是否想写：省级');
    writeFileSync(file, body('省级示范'));
    const ok = cli(['calc', file, '--format', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    const c13 = JSON.parse(ok.stdout)
      .policies.flatMap((p: { clauses: { id: string }[] }) => p.clauses)
      .find((c: { id: string }) => c.id === 'jinyun-2025/13');
    expect(c13).toMatchObject({ status: 'eligible', sure: '100000.00' });
  });

  it("batch --history: a bad value stops the batch before it starts (exit 2) with the history file's line", () => {
    const input = join(dir, 'in.csv');
    writeFileSync(input, '企业编号,地区,年度,主体类型\nJY-1,缙云县,2025,电商企业\n');
    const hist = join(dir, 'bad-h.csv');
    writeFileSync(hist, 'id,clause,field,value\nJY-1,jinyun-2025/13,level,省级\nJY-1,lishui-2020/1a,highest_tier,5万\n');
    const r = cli(['batch', input, '--history', hist, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-h\.csv:3:\d+, field history\.lishui-2020\/1a\.highest_tier: \[NOT_A_TIER\].*did you mean 500万/);
  });
});

describe('the history fields a clause reads, under its readings', () => {
  it('come only from readings with a switch in its document: any other reading leaves the document as it is', () => {
    // historyUse widens a clause's fields under the options of the readings switched in its
    // document only; this is what makes leaving the others out exact.
    let checked = 0;
    set.policies.forEach((lp, at) => {
      const here = new Set((lp.switches ?? []).map((s) => s.reading));
      for (const r of set.readings.filter((x) => !here.has(x.id)))
        for (const o of r.options) {
          expect(withReadings(set, { [r.id]: o.id }).policies[at], `${lp.policy.id} ${r.id}=${o.id}`).toBe(lp);
          checked++;
        }
    });
    expect(checked).toBeGreaterThan(0);
    // And a reading with a switch in the document does make another document object.
    const lp = set.policies.find((p) => p.switches?.length)!;
    const s = lp.switches![0]!;
    const other = set.readings.find((r) => r.id === s.reading)!.options.find((o) => o.id !== set.choices[s.reading])!;
    expect(withReadings(set, { [s.reading]: other.id }).policies[set.policies.indexOf(lp)]).not.toBe(lp);
  });
});
