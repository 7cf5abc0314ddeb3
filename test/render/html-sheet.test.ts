import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingDataReport } from '../../src/advice/missing-data.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Evaluation } from '../../src/engine/types.js';
import { enterpriseRecord } from '../../src/input/enterprise-record.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import type { RuleSet } from '../../src/load/load-rules.js';
import { readTextFile } from '../../src/load/read-text-file.js';
import { readYaml } from '../../src/load/read-yaml.js';
import { formatYuan } from '../../src/money/decimal.js';
import { escapeHtml, html } from '../../src/render/html/html.js';
import { safeText } from '../../src/i18n/safe-text.js';
import { DocumentTotals, enterpriseRow, errorRow, portfolioTop } from '../../src/render/html/portfolio-page.js';
import { renderHtml } from '../../src/render/html/render-html.js';
import { Labels } from '../../src/render/labels.js';
import { explainParts } from '../../src/render/render-explain.js';
import { reportRows } from '../../src/render/rows.js';
import { readingsLines } from '../../src/render/render-readings.js';
import { ReadingTally } from '../../src/render/html/readings-row.js';
import { withReadings } from '../../src/readings/apply-readings.js';
import { readingsInPlay } from '../../src/reading-effects/readings-in-play.js';
import { provenance, runTime } from '../../src/provenance/provenance.js';
import { provenanceLines } from '../../src/provenance/render-provenance.js';
import { shippedRules } from '../helpers/mini-rules.js';

const set = shippedRules();
const examples = readdirSync('examples')
  .filter((n) => n.endsWith('.yaml'))
  .map((n) => `examples/${n}`);

function evaluationOf(s: RuleSet, file: string, name?: string): Evaluation {
  const { record, locate } = enterpriseRecord(readYaml(readTextFile(file), file));
  const { enterprise } = toEnterprise(s, record, locate);
  return evaluate(s, name === undefined ? enterprise! : { ...enterprise!, name, id: name });
}

/** What a reader sees: the text without tags, entities read back. */
const textOf = (page: string) =>
  page
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The characters that make markup: text from a file must never add one. */
const markup = (page: string) => ({ lt: page.split('<').length, gt: page.split('>').length, dq: page.split('"').length, sq: page.split("'").length });

/** The shipped rules with `p` appended to every title, quote, note, fact label and region name: where rule text reaches a page. */
function poisoned(p: string): RuleSet {
  const facts = new Map([...set.facts].map(([id, f]) => [id, { ...f, label: { zh: f.label.zh + p, en: f.label.en + p } }]));
  const regions = new Map([...set.regions].map(([code, r]) => [code, { ...r, name: r.name + p, en: r.en + p }]));
  const policies = set.policies.map((lp) => ({
    ...lp,
    policy: {
      ...lp.policy,
      title: lp.policy.title + p,
      short_title: lp.policy.short_title && lp.policy.short_title + p,
      exclusions: lp.policy.exclusions.map((x) => ({ ...x, quote: x.quote + p })),
      clauses: lp.policy.clauses.map((c) => ({
        ...c,
        title: c.title + p,
        quote: Array.isArray(c.quote) ? c.quote.map((q) => q + p) : c.quote + p,
        notes: [...(c.notes ?? []), p],
      })),
    },
  }));
  const readings = set.readings.map((r) => ({
    ...r,
    question: { zh: r.question.zh + p, en: r.question.en + p },
    options: r.options.map((o) => ({ ...o, label: { zh: o.label.zh + p, en: o.label.en + p } })),
  }));
  return { ...set, facts, regions, policies, readings };
}

/** Every reading of a set as deciding something, so that its words reach the page. */
const allDecided = (s: RuleSet) => s.readings.map((r) => ({ id: r.id, option: r.default, isDefault: true, decided: true, touches: [] as string[] }));

const ATTACKS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</style><script>x</script>',
  '<!--',
  ']]><![CDATA[',
  '&lt;b&gt;',
];

describe('the calculation sheet cannot be made to carry markup', { timeout: 180000 }, () => {
  it('escapes every value put into a template; markup built by the program passes through', () => {
    expect(html`<p>${'<b>"x"&\'y\''}</p>`.text).toBe('<p>&lt;b&gt;&quot;x&quot;&amp;&#39;y&#39;</p>');
    expect(html`<p>${html`<b>${'<i>'}</b>`}</p>`.text).toBe('<p><b>&lt;i&gt;</b></p>');
    expect(html`${['<a>', html`<b></b>`, undefined, false, 3]}`.text).toBe('&lt;a&gt;<b></b>3');
  });

  it.each(ATTACKS)('enterprise names, ids, rule titles, quotes, notes, labels and region names holding %s add no markup', (attack) => {
    const bad = poisoned(attack);
    const good = poisoned('X'.repeat(attack.length));
    for (const file of examples.slice(0, 8)) {
      const a = renderHtml([evaluationOf(bad, file, attack)], bad, new Labels(bad, 'zh'), {}, [allDecided(bad)]);
      const b = renderHtml([evaluationOf(good, file, 'X'.repeat(attack.length))], good, new Labels(good, 'zh'), {}, [allDecided(good)]);
      expect({ file, ...markup(a) }).toEqual({ file, ...markup(b) });
      expect(textOf(a)).toContain(attack);
      expect(a).not.toMatch(/<(script|img|svg onload|iframe)/i);
    }
  });

  it('control and bidi characters in a name are shown escaped, as in the other outputs', () => {
    const ev = evaluationOf(set, 'examples/lanxi-cross-border-seller.yaml');
    const page = renderHtml([{ ...ev, enterprise: { ...ev.enterprise, name: 'A\u202eB\u001b[31mC' } }], set, new Labels(set, 'zh'));
    expect(page).toContain('A\\u202eB\\u001b[31mC');
    expect(page).not.toMatch(/[\u202e\u001b]/);
  });

  it('any string as an enterprise name (fast-check) adds no markup to the sheet or the portfolio rows', () => {
    const ev = evaluationOf(set, 'examples/lanxi-cross-border-seller.yaml');
    const l = new Labels(set, 'zh');
    const base = markup(renderHtml([ev], set, l));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), (name) => {
        const page = renderHtml([{ ...ev, enterprise: { ...ev.enterprise, name } }], set, l);
        expect(markup(page)).toEqual(base);
        expect(page).toContain(escapeHtml(safeText(name)));
        const row = enterpriseRow(1, { ...ev, enterprise: { ...ev.enterprise, name, id: name } }, l, name, name).text;
        expect(markup(row)).toEqual(markup(enterpriseRow(1, ev, l, 'x', 'x').text));
        const err = errorRow(2, { id: name, name, region: name, year: name }, name, l).text;
        expect(markup(err)).toEqual(markup(errorRow(2, {}, '', l).text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('what the sheet shows', { timeout: 180000 }, () => {
  it('for every example: each listed clause with its status, its amount under its kind, its quote, its working and its inputs; the totals in 元 and 万元', () => {
    const l = new Labels(set, 'zh');
    const clauses = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c] as const)));
    for (const file of examples) {
      const ev = evaluationOf(set, file);
      const text = textOf(renderHtml([ev], set, l));
      for (const r of reportRows(ev, l)) {
        expect(text).toContain(r.title);
        expect(text).toContain(r.status);
        for (const a of Object.values(r.amounts)) if (a) expect(text).toContain(a);
      }
      for (const p of ev.policies.filter((x) => x.applicability === 'applies'))
        for (const c of p.clauses.filter((x) => ['eligible', 'ceiling', 'needs_data'].includes(x.status))) {
          const x = explainParts(p, c, clauses.get(c.clauseId), l, [], false);
          expect(text).toContain(x.quote);
          // The same working as --explain: every step, word for word (formulas with the exact values used).
          for (const s of x.steps) expect({ file, step: text.includes(s.text) }).toEqual({ file, step: true });
        }
      expect(text).toContain(`${formatYuan(ev.totals.sure)} 元`);
      if (ev.totals.sure.greaterThanOrEqualTo(10000)) expect(text).toContain(`${ev.totals.sure.div(10000).toDecimalPlaces(4).toFixed()}万元`);
      for (const m of missingDataReport(set, ev, l)) expect(text).toContain(m.label);
    }
  });

  it('lists the inputs a clause used, by their Chinese labels, with the values used', () => {
    const ev = evaluationOf(set, 'examples/lanxi-cross-border-seller.yaml');
    const text = textOf(renderHtml([ev], set, new Labels(set, 'zh')));
    // lanxi-2022/3 (rent): office area 400 and office rent 60,000 are read; the formula uses them.
    for (const id of ['office_area', 'office_rent_paid', 'online_sales']) expect(text).toContain(set.facts.get(id)!.label.zh);
    expect(text).toContain('办公研发：较小值(80% × 60,000, 12 × 400 × 12)');
    expect(text).toMatch(/办公研发面积\s+400\s/);
  });

  it('keeps a marked place for readings and provenance, filled from data', () => {
    const ev = evaluationOf(set, 'examples/lanxi-cross-border-seller.yaml');
    const l = new Labels(set, 'zh');
    const empty = renderHtml([ev], set, l);
    expect(empty).toMatch(/<tr data-section="readings"><th>解读<\/th><td><span class="placeholder">无<\/span>/);
    const filled = renderHtml([ev], set, l, { provenance: [['规则指纹', 'abc123']] });
    expect(textOf(filled)).toContain('规则指纹：abc123');
  });

  it('names the readings in play as the text outputs do, each one in the working of the clauses it decided, and never by id', () => {
    const file = 'examples/hangzhou-ecommerce-2022-readings-linping.yaml';
    // Every option of the reading that touches this enterprise most, in force in turn: chosen and default lines both appear.
    for (const choices of [{}, Object.fromEntries(set.readings.map((r) => [r.id, r.options.find((o) => o.id !== r.default)!.id]))]) {
      const s = withReadings(set, choices);
      const { record, locate } = enterpriseRecord(readYaml(readTextFile(file), file));
      const ent = toEnterprise(s, record, locate).enterprise!;
      const ev = evaluate(s, ent);
      const uses = readingsInPlay(s, ent, ev);
      const l = new Labels(s, 'zh');
      const prov = provenanceLines(provenance(s, [], runTime()), 'zh', false);
      const page = renderHtml([ev], s, l, { provenance: prov }, [uses]);
      const text = textOf(page);
      const row = textOf(page.match(/<tr data-section="readings">[\s\S]*?<\/tr>/)![0]);
      expect(readingsLines(uses, l).length).toBeGreaterThan(0);
      for (const line of readingsLines(uses, l)) expect(row).toContain(line);
      // Every reading of the set is accounted for: a line each, or among the rest at their default.
      const rest = row.match(/其余 (\d+) 项解读均取默认/);
      expect(row.split('解读：').length - 1 + Number(rest?.[1] ?? 0)).toBe(s.readings.length);
      // The working of each clause a reading decided names that reading, as --explain does.
      for (const u of uses.filter((x) => x.decided))
        for (const id of u.touches) {
          const c = ev.policies.flatMap((p) => p.clauses).find((x) => x.clauseId === id);
          if (!c || !['eligible', 'ceiling', 'needs_data', 'superseded', 'excluded'].includes(c.status)) continue;
          const p = ev.policies.find((x) => x.clauses.includes(c))!;
          for (const step of explainParts(p, c, undefined, l, uses).readings) expect(text).toContain(step);
        }
      // The readings and provenance rows name readings by their words (a rule's own note may cite an id: that is rule text).
      const meta = textOf(page.match(/<table class="meta">[\s\S]*?<\/table>/)![0]);
      for (const r of s.readings) {
        expect(meta).not.toContain(r.id);
        for (const o of r.options) expect(meta).not.toMatch(new RegExp(`[=：]${o.id}\\b`));
      }
    }
  });

  it('in English the labels the tool owns are English and there is no 万元 figure', () => {
    const ev = evaluationOf(set, 'examples/lanxi-cross-border-seller.yaml');
    const page = renderHtml([ev], set, new Labels(set, 'en'));
    expect(page).toContain('<html lang="en">');
    expect(textOf(page)).toContain('Calculation sheet');
    expect(textOf(page)).toContain('218,000.00 CNY');
    expect(textOf(page)).not.toMatch(/CNY（[\d.]+万元）/);
  });
});

describe('the portfolio readings', () => {
  it('count, per reading, the enterprises it decided something for, and account for every reading of the set', () => {
    const l = new Labels(set, 'zh');
    const tally = new ReadingTally();
    const decided = new Map<string, number>();
    for (const file of examples) {
      const { record, locate } = enterpriseRecord(readYaml(readTextFile(file), file));
      const ent = toEnterprise(set, record, locate).enterprise!;
      const uses = readingsInPlay(set, ent, evaluate(set, ent, { trace: false }));
      tally.add(uses);
      for (const u of uses) if (u.decided) decided.set(u.id, (decided.get(u.id) ?? 0) + 1);
    }
    const lines = tally.lines(set, l);
    expect(decided.size).toBeGreaterThan(0);
    for (const [id, n] of decided)
      expect(lines.find((x) => x.includes(set.readings.find((r) => r.id === id)!.question.zh))).toContain(`影响 ${n} 家企业的结果`);
    const rest = set.readings.length - decided.size;
    expect(lines.length).toBe(decided.size + (rest ? 1 : 0));
    if (rest) expect(lines.at(-1)).toBe(`其余 ${rest} 项解读均取默认，不影响任何企业的结果`);
    const top = textOf(
      portfolioTop(new DocumentTotals(), { input: 'x.csv', rows: 0, evaluated: 0, errors: 0, readings: lines, provenance: [['解读', 'hz-3020', 'thirty']] }, l)
        .text,
    );
    for (const line of lines) expect(top).toContain(line);
    expect(top).not.toContain('hz-3020');
  });
});

describe('the portfolio totals', () => {
  it('add up each kind apart, per document and level, to the evaluations’ own totals', () => {
    const l = new Labels(set, 'zh');
    const t = new DocumentTotals();
    const evs = examples.map((f) => evaluationOf(set, f));
    for (const ev of evs) t.add(ev, l);
    const sure = evs.reduce((a, ev) => a.plus(ev.totals.sure), evs[0]!.totals.sure.minus(evs[0]!.totals.sure));
    const ceilings = evs.reduce((a, ev) => a.plus(ev.totals.ceilings), sure.minus(sure));
    const potential = evs.reduce((a, ev) => a.plus(ev.totals.pendingPotential), sure.minus(sure));
    expect(t.totals.sure.toFixed(2)).toBe(sure.toFixed(2));
    expect(t.totals.ceiling.toFixed(2)).toBe(ceilings.toFixed(2));
    expect(t.totals.potential.toFixed(2)).toBe(potential.toFixed(2));
    const levels = [...t.levels.values()].reduce((a, v) => a.plus(v), sure.minus(sure));
    expect(levels.toFixed(2)).toBe(sure.toFixed(2));
    const byDoc = [...t.docs.values()].reduce((a, d) => a.plus(d.amounts.sure), sure.minus(sure));
    expect(byDoc.toFixed(2)).toBe(sure.toFixed(2));
    const top = textOf(portfolioTop(t, { input: 'x.csv', rows: evs.length, evaluated: evs.length, errors: 0 }, l).text);
    expect(top).toContain(formatYuan(sure));
  });
});
