import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../helpers/mini-rules.js';
import { cli, ROOT } from '../helpers/cli.js';
import { parse as parseYaml } from 'yaml';
import { readChoice } from '../../src/input/enum-choices.js';
import { historyUses } from '../../src/input/read-history-entry.js';
import { runInterview } from '../../src/interview/run-interview.js';
import type { Evaluation } from '../../src/engine/types.js';
import { fakePrompts, type Script } from './fake-prompts.js';
import { EXAMPLE, exampleAnswers, typicalAnswers } from './lanxi-answers.js';

const set = shippedRules();
const dir = mkdtempSync(join(tmpdir(), 'subsidy-ask-'));

async function interview(script: Script, lang: 'zh' | 'en' = 'zh') {
  const fake = fakePrompts(set, script, lang);
  let out = '';
  const r = await runInterview(set, { prompts: fake.prompts, write: (t) => void (out += t) }, { lang, now: new Date('2024-05-01') });
  return { ...r, ...fake, out };
}
const clause = (ev: Evaluation, id: string) => ev.policies.flatMap((p) => p.clauses).find((c) => c.clauseId === id)!;
/** Every clause's status and amount, to compare two evaluations as a whole. */
// A result file names each figure by its kind (sure, ceiling, setAside); the engine keeps one amount per clause.
const summary = (clauses: { id?: string; clauseId?: string; status: string; amount?: unknown; sure?: string; ceiling?: string; setAside?: string }[]) =>
  Object.fromEntries(
    clauses.map((c) => {
      const amount = c.amount ?? c.sure ?? c.ceiling ?? c.setAside;
      return [c.clauseId ?? c.id, `${c.status} ${amount === undefined ? '' : String(amount)}`];
    }),
  );

describe('the interview loop (prompts injected)', () => {
  it('a Lanxi cross-border seller answered to a result: lanxi-2022/8 pays 100,000, totals as calc gives for the same facts', async () => {
    const r = await interview({ region: '兰溪', year: '', facts: exampleAnswers() });
    expect(r.answers.region).toBe('330781');
    expect(r.answers.year).toBe(2023); // the default: the year before "now"
    const c8 = clause(r.evaluation, 'lanxi-2022/8');
    expect(c8.status).toBe('eligible');
    expect(c8.amount?.toFixed(2)).toBe('100000.00');
    const calc = JSON.parse(cli(['calc', EXAMPLE, '--format', 'json']).stdout);
    expect(r.evaluation.totals.sure.toFixed(2)).toBe(calc.totals.sure);
    expect(r.out).toContain('鼓励跨境电商发展');
    expect(r.out).toMatch(/100,000\.00/);
  });

  it('a typical Lanxi enterprise is asked far fewer questions than the dictionary holds', async () => {
    const r = await interview({ region: '兰溪市', facts: typicalAnswers() });
    const asked = r.asked.length;
    const facts = set.facts.size;
    console.info(
      `typical Lanxi enterprise: ${asked} questions asked, ${facts} facts in the dictionary, ${r.askedHistory.length} about what was received before`,
    );
    expect(asked).toBeLessThan(facts / 5);
    // Answering "no overseas warehouse" dropped that clause's other questions.
    expect(r.asked).toContain('overseas_warehouse_public');
    expect(r.asked).not.toContain('overseas_warehouse_build_cost');
    expect(r.asked).not.toContain('overseas_storage_cost');
    // Every question came from the engine's list of what is missing.
    expect(r.asked[0]).toBe('entity_kinds');
    expect(new Set(r.asked).size).toBe(asked);
    expect(r.evaluation.totals.needsData).toBe(0);
  });

  it('a skipped question leaves the clause needing data', async () => {
    const facts = exampleAnswers();
    delete facts.cbec_b2c_sales_usd;
    const r = await interview({ region: '兰溪', facts });
    expect(r.asked).toContain('cbec_b2c_sales_usd');
    expect(r.answers.skipped).toContain('cbec_b2c_sales_usd');
    const c8 = clause(r.evaluation, 'lanxi-2022/8');
    expect(c8.status).toBe('needs_data');
    expect(c8.missing).toContain('cbec_b2c_sales_usd');
    expect(r.out).toMatch(/鼓励跨境电商发展.*缺数据/);
  });

  it('a cross-border figure of 0 makes its follow-up questions vanish', async () => {
    const uses = { ...exampleAnswers(), uses_public_overseas_warehouse: '是' };
    const withSales = await interview({ region: '兰溪', facts: { ...uses, overseas_warehouse_product_sales_usd: '20万美元' } });
    expect(withSales.asked).toContain('overseas_storage_cost');
    const zero = await interview({ region: '兰溪', facts: { ...uses, overseas_warehouse_product_sales_usd: '0' } });
    expect(zero.asked).toContain('overseas_warehouse_product_sales_usd');
    expect(zero.asked).not.toContain('overseas_storage_cost');
    expect(clause(zero.evaluation, 'lanxi-2022/11b').status).toBe('not_eligible');
  });

  it('a bad amount is re-asked with the reason; the next answer is taken', async () => {
    const r = await interview({ region: '兰溪', facts: { ...exampleAnswers(), online_sales: ['很多', '1500万'] } });
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ fact: 'online_sales', input: '很多' });
    expect(r.rejected[0]!.message).toMatch(/BAD_VALUE.*很多/);
    expect(clause(r.evaluation, 'lanxi-2022/3').amount?.toFixed(2)).toBe('78000.00');
  });

  it('the same interview in English gives the same result', async () => {
    const en = (id: string, zh: string) =>
      set.facts.get(id)!.values?.find((v) => v.zh === zh)?.en ?? ({ 是: 'Yes', 否: 'No' } as Record<string, string>)[zh] ?? zh;
    const facts = Object.fromEntries(Object.entries(typicalAnswers()).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => en(k, x)) : en(k, v)]));
    const [zh, english] = [await interview({ region: '兰溪', facts: typicalAnswers() }), await interview({ region: 'lanxi', facts }, 'en')];
    expect(english.asked).toEqual(zh.asked);
    expect(summary(english.evaluation.policies.flatMap((p) => p.clauses))).toEqual(summary(zh.evaluation.policies.flatMap((p) => p.clauses)));
    expect(english.out).toContain('Sure amount');
  });
});

describe('saving the answers', () => {
  it('writes a YAML input file that calc reads back to the same result', async () => {
    const path = join(dir, 'answers.yaml');
    const facts = exampleAnswers();
    delete facts.foreign_trademark_fees;
    const r = await interview({ region: '兰溪', year: '2023', facts, save: { name: '兰溪某跨境电商', path } });
    expect(r.saved).toBe(path);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('region: 兰溪市');
    expect(text).toContain('cbec_b2c_sales_usd: 120万美元');
    expect(text).toMatch(/entity_kinds: \[ 电商企业, 跨境电商企业 \]/);
    expect(text).toMatch(/#\s+foreign_trademark_fees:/); // skipped, listed to fill in later
    const back = cli(['calc', path, '--format', 'json']);
    expect(back.code).toBe(0);
    const j = JSON.parse(back.stdout);
    expect(j.totals.sure).toBe(r.evaluation.totals.sure.toFixed(2));
    expect(j.totals.ceilings).toBe(r.evaluation.totals.ceilings.toFixed(2));
    type C = { id: string; status: string; sure?: string; ceiling?: string; setAside?: string };
    // A result file names each figure by its kind; the engine keeps one amount per clause.
    const calcClauses = j.policies.flatMap((p: { clauses: C[] }) => p.clauses).map((c: C) => ({ ...c, amount: c.sure ?? c.ceiling ?? c.setAside }));
    const asked = r.evaluation.policies.flatMap((p) => p.clauses).map((c) => ({ ...c, amount: c.amount?.toFixed(2) }));
    expect(summary(calcClauses)).toEqual(summary(asked));
    expect(j.enterprise.name).toBe('兰溪某跨境电商');
  });

  it('will not write over an existing file: asks for another name', async () => {
    const taken = join(dir, 'taken.yaml');
    writeFileSync(taken, 'keep me\n');
    const fresh = join(dir, 'fresh.yaml');
    const r = await interview({ region: '兰溪', facts: { entity_kinds: ['镇/村'] }, save: { path: [taken, fresh] } });
    expect(r.rejected.map((x) => x.message)).toEqual([expect.stringContaining('文件已存在')]);
    expect(readFileSync(taken, 'utf8')).toBe('keep me\n');
    expect(r.saved).toBe(fresh);
  });
});

/** An example case as interview answers: its facts as a person picks them (labels), its region and year. */
function exampleScript(file: string): Script & { history: NonNullable<Script['history']> } {
  const doc = parseYaml(readFileSync(join(ROOT, 'examples', file), 'utf8')) as { input: { region: string; year: number; facts: Record<string, unknown> } };
  const label = (id: string, v: unknown) => {
    const f = set.facts.get(id)!;
    const r = f.type === 'enum' || f.type === 'enum_set' ? readChoice(f, v) : undefined;
    return r?.ok ? f.values!.find((x) => x.id === r.id)!.zh : String(v);
  };
  const facts = Object.fromEntries(Object.entries(doc.input.facts).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => label(k, x)) : label(k, v)]));
  return { region: doc.input.region, year: String(doc.input.year), facts, history: {} };
}

describe('what was received before (history questions)', () => {
  it('are asked once per clause whose award depends on history and that the enterprise can still get, naming the clause', async () => {
    const r = await interview({ region: '兰溪', facts: exampleAnswers() });
    const uses = historyUses(set);
    expect(r.askedHistory.length).toBeGreaterThan(0);
    expect(new Set(r.askedHistory).size).toBe(r.askedHistory.length);
    for (const c of r.evaluation.policies.flatMap((p) => p.clauses)) {
      const u = uses.get(c.clauseId)!;
      const asked = r.askedHistory.includes(c.clauseId);
      const open = ['eligible', 'ceiling', 'needs_data', 'superseded'].includes(c.status);
      expect(asked, `${c.clauseId} ${c.status} ${u.needed.join(',')}`).toBe(open && u.needed.length > 0);
      if (asked) expect(r.messages.some((m) => m.includes(`此前是否已按`) && m.includes(`“${u.clause.title}”`))).toBe(true);
    }
    // Skipped (the fake's answer when none is scripted): nothing is recorded, each clause is listed as skipped.
    expect(r.answers.history?.size).toBe(0);
    expect(r.answers.skippedHistory).toEqual(r.askedHistory);
    expect(r.out).toContain('以往领取情况');
  });

  it('否 records "nothing received" as data the input reads (zeros), and the result is that of no history', async () => {
    const first = await interview({ region: '兰溪', facts: exampleAnswers() });
    const history = Object.fromEntries(first.askedHistory.map((id) => [id, '否']));
    const r = await interview({ region: '兰溪', facts: exampleAnswers(), history });
    expect([...r.answers.history!.keys()]).toEqual(first.askedHistory);
    for (const [id, given] of r.answers.history!) {
      for (const v of Object.values(given)) expect(v, id).toBe(0);
      expect(Object.keys(given).length, id).toBeGreaterThan(0);
    }
    expect(summary(r.evaluation.policies.flatMap((p) => p.clauses))).toEqual(summary(first.evaluation.policies.flatMap((p) => p.clauses)));
  });

  it('是, paid in 3 years before: the 3-year clause lanxi-2022/3 pays nothing more', async () => {
    const r = await interview({ region: '兰溪', facts: exampleAnswers(), history: { 'lanxi-2022/3': { answer: '是', years_paid: ['三年', '3'] } } });
    expect(r.rejected.map((x) => x.input)).toEqual(['三年']);
    expect(r.answers.history?.get('lanxi-2022/3')).toEqual({ years_paid: '3' });
    const c3 = clause(r.evaluation, 'lanxi-2022/3');
    expect(c3.amount?.toFixed(2) ?? '0.00').toBe('0.00');
    expect(c3.status).not.toBe('eligible');
  });

  it('an upgrade: 省级 awarded before, 国家级 now, pays the difference (as calc on the example file)', async () => {
    const s = exampleScript('jinyun-2025-rent-honour-upgrade.yaml');
    const r = await interview({ ...s, history: { 'jinyun-2025/13': { answer: '是', level: '省级' } } });
    expect(r.askedHistory).toContain('jinyun-2025/13');
    expect(r.answers.history?.get('jinyun-2025/13')).toEqual({ level: '省级' });
    expect(clause(r.evaluation, 'jinyun-2025/13').amount?.toFixed(2)).toBe('100000.00');
    const calc = JSON.parse(cli(['calc', 'examples/jinyun-2025-rent-honour-upgrade.yaml', '--format', 'json']).stdout);
    expect(r.evaluation.totals.sure.toFixed(2)).toBe(calc.totals.sure);
  });

  it('a first-reached tier: the 500万 tier picked as awarded before leaves the 2000万 tier to pay (as calc on the example file)', async () => {
    const s = exampleScript('lishui-2020-retail-first-reached.yaml');
    const r = await interview({ ...s, history: { 'lishui-2020/1a': { answer: '是', highest_tier: '500万' } } });
    expect(r.answers.history?.get('lishui-2020/1a')).toEqual({ highest_tier: '500万' });
    expect(clause(r.evaluation, 'lishui-2020/1a').amount?.toFixed(2)).toBe('100000.00');
    const again = await interview({ ...s, history: { 'lishui-2020/1a': { answer: '是', highest_tier: '2000万' } } });
    expect(clause(again.evaluation, 'lishui-2020/1a').status).not.toBe('eligible');
    const calc = JSON.parse(cli(['calc', 'examples/lishui-2020-retail-first-reached.yaml', '--format', 'json']).stdout);
    expect(r.evaluation.totals.sure.toFixed(2)).toBe(calc.totals.sure);
  });

  it('是 with the figures skipped records a present but empty entry (what was received is unknown), not zero', async () => {
    const s = exampleScript('lishui-2020-retail-first-reached.yaml');
    const r = await interview({ ...s, history: { 'lishui-2020/1a': { answer: '是' } } });
    expect(r.answers.history?.get('lishui-2020/1a')).toEqual({});
  });

  it('the saved answers hold the history; calc reads them back to the same result', async () => {
    const path = join(dir, 'history-answers.yaml');
    const s = exampleScript('jinyun-2025-rent-honour-upgrade.yaml');
    const r = await interview({ ...s, history: { 'jinyun-2025/13': { answer: '是', level: '省级' } }, save: { path } });
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/history:\n {2}jinyun-2025\/13: \{ level: 省级 \} # .*荣誉/);
    for (const id of r.answers.skippedHistory ?? []) expect(text).toMatch(new RegExp(`#\\s+${id.replace('/', '\\/')}:`));
    const back = JSON.parse(cli(['calc', path, '--format', 'json']).stdout);
    expect(back.totals.sure).toBe(r.evaluation.totals.sure.toFixed(2));
    const calcClauses = back.policies.flatMap((p: { clauses: { id: string; status: string; amount?: string }[] }) => p.clauses);
    const asked = r.evaluation.policies.flatMap((p) => p.clauses).map((c) => ({ ...c, amount: c.amount?.toFixed(2) }));
    expect(summary(calcClauses)).toEqual(summary(asked));
  });

  it('in English, the same questions name the same clauses', async () => {
    const s = exampleScript('jinyun-2025-rent-honour-upgrade.yaml');
    const zh = await interview({ ...s, history: { 'jinyun-2025/13': { answer: '是', level: '省级' } } });
    const facts = Object.fromEntries(Object.entries(s.facts).map(([k, v]) => [k, enLabel(k, v)]));
    const en = await interview({ ...s, facts, history: { 'jinyun-2025/13': { answer: 'Yes', level: 'Provincial' } } }, 'en');
    expect(en.askedHistory).toEqual(zh.askedHistory);
    expect(clause(en.evaluation, 'jinyun-2025/13').amount?.toFixed(2)).toBe('100000.00');
    expect(en.messages.some((m) => m.startsWith('(1/') && m.includes('Was any award received before under'))).toBe(true);
  });
});

function enLabel(id: string, v: string | string[]): string | string[] {
  const one = (x: string) => set.facts.get(id)!.values?.find((y) => y.zh === x)?.en ?? ({ 是: 'Yes', 否: 'No' } as Record<string, string>)[x] ?? x;
  return Array.isArray(v) ? v.map(one) : one(v);
}
