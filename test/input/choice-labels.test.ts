import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { shippedRules, enterprise } from '../helpers/mini-rules.js';
import { templateCsv, templateYaml } from '../../src/batch/template/render-template.js';
import { cellReader } from '../../src/batch/convert/read-cells.js';
import { showClause } from '../../src/cli/commands/rules.js';
import { formatFinding } from '../../src/i18n/format-error.js';
import { applyOverrides } from '../../src/input/apply-overrides.js';
import { coerceFactValue } from '../../src/input/coerce-value.js';
import { acceptedNames, labelParts, readChoice } from '../../src/input/enum-choices.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { askFact } from '../../src/interview/ask-fact.js';
import type { Choice, Prompts } from '../../src/interview/prompts.js';
import { comparisons } from '../../src/rules/walk.js';
import { labelsFor } from '../../src/render/labels.js';
import { describeClause } from '../../src/cli/rules/describe-rule.js';
import { choiceKey, FactSchema, type Fact } from '../../src/schema/fact-schema.js';
import type { Award } from '../../src/schema/policy-schema.js';

/**
 * Every choice the tool shows for an enum or enum-set fact (template notes row
 * and YAML comments, `rules show`, the interview) must be accepted back, in
 * every input path, as the value it was shown for. Facts and values come from
 * the loaded rule set: a new fact or value is covered without editing this file.
 */
const set = shippedRules();
const enums = [...set.facts.values()].filter((f) => f.type === 'enum' || f.type === 'enum_set');
const LANGS = ['zh', 'en'] as const;

/** What the value is when given as `raw` through calc's parser: an id, or the one id of a set. */
const asId = (f: Fact, raw: unknown) => {
  const r = coerceFactValue(f, raw);
  if (!r.ok) return `refused: ${r.code} ${JSON.stringify(r.args ?? r.detail)}`;
  return Array.isArray(r.value) ? (r.value as string[]).join('|') : String(r.value);
};
const viaCell = (f: Fact, raw: string) => {
  const r = cellReader(f)(raw) as { ok: boolean; value?: unknown; code?: string };
  return r.ok ? (Array.isArray(r.value) ? r.value.join('|') : String(r.value)) : `refused: ${r.code}`;
};

/** The choices listed in a template hint "[… 选一项：A；B；C]", in order. */
function hintChoices(text: string, lang: 'zh' | 'en'): string[] {
  const m = lang === 'zh' ? /(?:选一项：|可多选，用；分隔：)([^\]]*)\]/.exec(text) : /(?:one of: |several, separated by ;: )([^\]]*)\]/.exec(text);
  if (!m) throw new Error(`no choices in: ${text}`);
  return m[1]!.split(lang === 'zh' ? '；' : '; ');
}

describe('every label offered is accepted', () => {
  it('the loaded rule set has enum facts with compound labels (else this file tests little)', () => {
    expect(enums.length).toBeGreaterThan(0);
    expect(enums.some((f) => f.values!.some((v) => labelParts(v.zh).length > 1))).toBe(true);
  });

  for (const lang of LANGS)
    it(`the CSV template's notes row (${lang}): each listed choice reads as its value, in calc, in a CSV cell and (for sets) the whole list as one cell`, () => {
      const [header, notes] = parseCsv(templateCsv(set, lang), { bom: true, relax_column_count: true }) as string[][];
      for (const f of enums) {
        const col = header!.indexOf(f.label.zh);
        expect(col, f.id).toBeGreaterThan(0);
        const shown = hintChoices(notes![col]!, lang);
        expect(shown, f.id).toEqual(f.values!.map((v) => v[lang]));
        shown.forEach((label, i) => {
          expect(asId(f, label), `${f.id}: ${label}`).toBe(f.values![i]!.id);
          expect(viaCell(f, label), `${f.id}: ${label}`).toBe(f.values![i]!.id);
        });
        if (f.type === 'enum_set') {
          const all = f.values!.map((v) => v.id).join('|');
          expect(viaCell(f, shown.join(lang === 'zh' ? '；' : '; ')), f.id).toBe(all);
          expect(asId(f, shown.join('、')), f.id).toBe(all);
        }
      }
    });

  it('the YAML template lists the same choices for each fact', () => {
    for (const lang of LANGS) {
      const lines = templateYaml(set, lang).split('\n');
      for (const f of enums) {
        const at = lines.indexOf(`    ${f.id}:`);
        expect(at, f.id).toBeGreaterThan(0);
        expect(hintChoices(lines[at - 1]!, lang), f.id).toEqual(f.values!.map((v) => v[lang]));
      }
    }
  });

  it('the interview: every choice offered, picked, is the value it was shown for', async () => {
    for (const lang of LANGS)
      for (const f of enums) {
        const offered: Choice<string>[] = [];
        let pick = 0;
        const prompts = {
          select: async ({ choices }: { choices: Choice<string>[] }) => {
            const real = choices.filter((c) => !c.value.startsWith('\u0000'));
            offered.splice(0, offered.length, ...real);
            return real[pick]!.value;
          },
          checkbox: async ({ choices }: { choices: Choice<string>[] }) => {
            offered.splice(0, offered.length, ...choices);
            return [choices[pick]!.value];
          },
        } as unknown as Prompts;
        for (pick = 0; pick < f.values!.length; pick++) {
          const a = await askFact(prompts, f, lang);
          expect(
            offered.map((c) => c.name),
            f.id,
          ).toEqual(f.values!.map((v) => v[lang]));
          expect([a.value].flat(), `${f.id} ${lang} ${offered[pick]!.name}`).toEqual([f.values![pick]!.id]);
          // The answer is saved as the label picked: calc reads that back too.
          expect(asId(f, a.raw), f.id).toBe(f.values![pick]!.id);
        }
      }
  });

  it('`rules show`: whatever names it prints for a value a clause tests or pays by are read as that value', () => {
    let checked = 0;
    const levelsOf = function* (a: Award | undefined): Generator<Extract<Award, { kind: 'levels' }>> {
      if (!a) return;
      if (a.kind === 'levels') yield a;
      if (a.kind === 'sum' || a.kind === 'max') for (const p of a.parts) yield* levelsOf(p);
      if (a.kind === 'cases') for (const c of [...a.cases.map((x) => x.award), a.otherwise]) yield* levelsOf(c);
    };
    for (const lp of set.policies)
      for (const c of lp.policy.clauses) {
        const shown: [Fact, string][] = [];
        for (const k of [c.beneficiary ?? []].flat()) shown.push([set.facts.get('entity_kinds')!, k]);
        if (c.when)
          for (const [cmp] of comparisons(c.when, [])) {
            const f = set.facts.get(cmp.fact);
            if (f && (f.type === 'enum' || f.type === 'enum_set')) for (const v of [cmp.value].flat()) shown.push([f, String(v)]);
          }
        for (const a of levelsOf(c.award)) for (const k of Object.keys(a.amounts)) shown.push([set.facts.get(a.fact)!, k]);
        if (!shown.length) continue;
        // rules show prints the clause's encoding (describeClause) in the reader's language, between its quote and notes.
        for (const lang of LANGS) {
          const text = describeClause(c, labelsFor(set, lang)).join('\n');
          if (checked === 0) expect(showClause(set, c.id, lang)).toContain(text);
          for (const [f, id] of shown) {
            const v = f.values!.find((x) => x.id === id)!;
            const printed = [v.id, v.zh, v.en].filter((n) => text.includes(n));
            expect(printed.length, `${c.id} shows ${f.id}=${id} somehow`).toBeGreaterThan(0);
            for (const n of printed) expect(asId(f, n), `${c.id}: ${n}`).toBe(id);
            checked++;
          }
        }
      }
    expect(checked).toBeGreaterThan(0);
  });

  it("every name a value has (id, labels, aliases, parts of a compound label) is accepted in calc, a CSV cell, --set and as a fact key's value", () => {
    const base = enterprise(set, {});
    for (const f of enums)
      for (const { text, id } of acceptedNames(f)) {
        const want = id;
        expect(asId(f, text), `${f.id}: ${text}`).toBe(want);
        expect(viaCell(f, text), `${f.id}: ${text}`).toBe(want);
        const set1 = applyOverrides(set, base, [`${f.label.zh}=${text}`]);
        expect(set1.findings, `${f.id}: --set ${text}`).toEqual([]);
        expect([set1.enterprise.facts.get(f.id)].flat()).toEqual([want]);
        const te = toEnterprise(set, { region: '兰溪市', year: 2023, facts: { [f.id]: text } }, () => ({}));
        expect(te.findings, `${f.id}: ${text}`).toEqual([]);
      }
  });

  it('each part of a compound label (电商服务商, 代运营企业, 直播机构, MCN机构 …) is read as that value unless another value has the same part', () => {
    let parts = 0;
    for (const f of enums)
      for (const v of f.values!)
        for (const part of labelParts(v.zh)) {
          const shared = f.values!.filter((x) => x.id !== v.id && labelParts(x.zh).some((p) => choiceKey(p) === choiceKey(part)));
          const r = readChoice(f, part);
          if (shared.length) expect(r.ok, `${f.id}: ${part} is ambiguous`).toBe(false);
          else expect(r, `${f.id}: ${part}`).toEqual({ ok: true, id: v.id });
          parts++;
        }
    expect(parts).toBeGreaterThan(0);
    const kinds = set.facts.get('entity_kinds')!;
    const named = ['电商服务商', '代运营企业', '直播机构', 'MCN机构'].map((p) => readChoice(kinds, p));
    expect(named.every((r) => r.ok)).toBe(true);
  });

  it('a near miss (one character changed) is the right value or refused with a suggestion in Chinese — never another value', () => {
    const pool = [...new Set(enums.flatMap((f) => acceptedNames(f).flatMap((n) => [...n.text])))].filter((c) => c.normalize('NFKC') === c && c.trim() === c);
    const chars = fc.oneof(
      fc.constantFrom(...pool),
      fc.integer({ min: 0x4e00, max: 0x9fff }).map((n) => String.fromCharCode(n)),
      fc.constantFrom(...'abcxyz0123'),
    );
    const cases = fc.constantFrom(...enums).chain((f) => fc.tuple(fc.constant(f), fc.constantFrom(...acceptedNames(f)), fc.nat(), chars));
    fc.assert(
      fc.property(cases, ([f, name, at, ch]) => {
        const chars = [...name.text];
        chars[at % chars.length] = ch;
        const typed = chars.join('');
        const other = acceptedNames(f).find((n) => choiceKey(n.text) === choiceKey(typed));
        fc.pre(!other || other.id === name.id); // another value's own name is not a near miss
        const r = readChoice(f, typed);
        if (r.ok) return void expect(r.id).toBe(name.id);
        expect(r.code).toBe('NEAR_CHOICE');
        // The suggestion is a name the input accepts, shown in Chinese, never an id or an English label.
        const suggestion = r.args.suggestion!;
        expect(readChoice(f, suggestion).ok).toBe(true);
        const zh = formatFinding({ code: r.code, args: r.args }, 'zh');
        expect(zh).toBe(`[NEAR_CHOICE] “${r.args.value}” 不是可选项；是否想写：${suggestion}`);
        for (const v of f.values!) {
          expect(suggestion).not.toBe(v.id);
          if (!(v.aliases ?? []).includes(v.en) && v.en !== v.zh) expect(suggestion).not.toBe(v.en);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the message names the Chinese label (the example of the issue), and lists the choices when nothing is close', () => {
    const kinds = set.facts.get('entity_kinds')!;
    const near = readChoice(kinds, '电商服务上');
    expect(near.ok).toBe(false);
    if (near.ok) return;
    expect(formatFinding({ code: near.code, args: near.args }, 'zh')).toBe('[NEAR_CHOICE] “电商服务上” 不是可选项；是否想写：电商服务商');
    const far = readChoice(set.facts.get('demo_title_level')!, '特等奖啊啊');
    expect(far.ok).toBe(false);
    if (far.ok) return;
    expect(formatFinding({ code: far.code, args: far.args }, 'zh')).toBe('[NOT_A_CHOICE] “特等奖啊啊” 不是可选项；可选：国家级；省级；市级；无');
    expect(formatFinding({ code: far.code, args: far.args }, 'en')).toBe(
      '[NOT_A_CHOICE] "特等奖啊啊" is not one of the choices: National; Provincial; City; None',
    );
  });

  it('prototype names are not choices and do not crash', () => {
    for (const f of enums)
      for (const bad of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
        const r = readChoice(f, bad);
        expect(r.ok, `${f.id}: ${bad}`).toBe(false);
      }
  });
});

describe('the dictionary keeps names unambiguous', () => {
  const fact = (values: unknown[]) => ({ id: 'x', label: { zh: '某项', en: 'X' }, type: 'enum', topic: 'honours', question: { zh: '？', en: '?' }, values });
  it('a name (label or alias, after folding width, case and spaces) given to two values of one fact does not load', () => {
    const ok = FactSchema.safeParse(
      fact([
        { id: 'a', zh: '甲', en: 'A', aliases: ['甲级'] },
        { id: 'b', zh: '乙', en: 'B' },
      ]),
    );
    expect(ok.success).toBe(true);
    for (const clash of [['甲级'], ['ＡＢ', 'a'], ['甲 级']]) {
      const r = FactSchema.safeParse(
        fact([
          { id: 'a', zh: '甲', en: 'A', aliases: ['甲级', 'ab'] },
          { id: 'b', zh: '乙', en: 'B', aliases: clash },
        ]),
      );
      expect(r.success, clash.join()).toBe(false);
      expect(JSON.stringify(r.error?.issues)).toMatch(/names both a and b/);
    }
  });
  it('a part of a compound label shared by two values is accepted for neither (read two ways: refused)', () => {
    const f = FactSchema.parse(
      fact([
        { id: 'a', zh: '甲/丙', en: 'A' },
        { id: 'b', zh: '乙/丙', en: 'B' },
      ]),
    ) as Fact;
    expect(readChoice(f, '甲')).toEqual({ ok: true, id: 'a' });
    expect(readChoice(f, '丙').ok).toBe(false);
  });
});
