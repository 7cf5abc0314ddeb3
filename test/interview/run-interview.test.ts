import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../helpers/mini-rules.js';
import { cli } from '../helpers/cli.js';
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
const summary = (clauses: { id?: string; clauseId?: string; status: string; amount?: unknown }[]) =>
  Object.fromEntries(clauses.map((c) => [c.clauseId ?? c.id, `${c.status} ${c.amount === undefined ? '' : String(c.amount)}`]));

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
    console.info(`typical Lanxi enterprise: ${asked} questions asked, ${facts} facts in the dictionary`);
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
    const en = (id: string, zh: string) => set.facts.get(id)!.values?.find((v) => v.zh === zh)?.en ?? ({ 是: 'Yes', 否: 'No' } as Record<string, string>)[zh] ?? zh;
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
    const calcClauses = j.policies.flatMap((p: { clauses: { id: string; status: string; amount?: string }[] }) => p.clauses);
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
