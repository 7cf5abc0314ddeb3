import { describe, expect, it } from 'vitest';
import { render } from '@inquirer/testing';
import { input, select, checkbox } from '@inquirer/prompts';
import { shippedRules } from '../helpers/mini-rules.js';
import { askFact, isSkip, validateFor } from '../../src/interview/ask-fact.js';
import type { Prompts } from '../../src/interview/prompts.js';
import { coerceFactValue, rangeOf } from '../../src/input/coerce-value.js';

const set = shippedRules();
const fact = (id: string) => set.facts.get(id)!;

type Rendered = Awaited<ReturnType<typeof render>>;

/**
 * Real Inquirer prompts, each rendered by @inquirer/testing into a virtual
 * screen: askFact runs unchanged and the test types into the screen.
 */
function renderedPrompts() {
  let current: Promise<Rendered> | undefined;
  const via = (prompt: Parameters<typeof render>[0]) => (config: unknown) => {
    current = render(prompt, config as never);
    return current.then((r) => r.answer) as Promise<never>;
  };
  type AnyPrompt = Parameters<typeof render>[0];
  const prompts = {
    input: via(input as unknown as AnyPrompt),
    select: via(select as unknown as AnyPrompt),
    checkbox: via(checkbox as unknown as AnyPrompt),
  } as unknown as Prompts;
  return { prompts, screen: () => current! };
}

describe('validate inside the prompt', () => {
  const sales = validateFor(fact('online_sales'), 'zh');
  it('accepts amounts as people type them', () => {
    for (const ok of ['500万', '1.2亿', '3,000', '5000000', '¥3,000']) expect(sales(ok)).toBe(true);
    expect(validateFor(fact('pension_coverage'), 'zh')('12%')).toBe(true);
  });
  it('says why a bad amount is refused', () => {
    expect(sales('很多')).toMatch(/BAD_VALUE.*线上销售额.*很多/);
    expect(validateFor(fact('online_sales'), 'en')('lots')).toMatch(/BAD_VALUE.*Online sales.*lots/);
    expect(sales('50万美元')).toMatch(/WRONG_CURRENCY/);
    expect(validateFor(fact('cbec_b2c_sales_usd'), 'zh')('800万元')).toMatch(/WRONG_CURRENCY/);
    expect(validateFor(fact('pension_coverage'), 'zh')('150')).toMatch(/OUT_OF_RANGE/);
  });
  it('always lets a question be skipped', () => {
    for (const s of ['', '  ', '跳过', '不知道', 'skip', '不详']) {
      expect(isSkip(s)).toBe(true);
      expect(sales(s)).toBe(true);
    }
    expect(isSkip('0')).toBe(false);
  });
});

describe('one prompt per fact type (rendered with @inquirer/testing)', () => {
  it('money: "很多" is refused on screen and asked again; "500万" is taken', async () => {
    const { prompts, screen } = renderedPrompts();
    const answer = askFact(prompts, fact('online_sales'), 'zh');
    const s = await screen();
    expect(s.getScreen()).toContain('当年线上销售额（网络零售额）是多少元？ [元]');
    s.events.type('很多');
    s.events.keypress('enter');
    await s.nextRender();
    expect(s.getScreen()).toMatch(/BAD_VALUE.*很多/);
    s.events.keypress('backspace');
    s.events.keypress('backspace');
    s.events.type('500万');
    s.events.keypress('enter');
    const a = await answer;
    expect(a.raw).toBe('500万');
    expect(String(a.value)).toBe('5000000');
  });

  it('money: empty input skips (the fact stays unknown)', async () => {
    const { prompts, screen } = renderedPrompts();
    const answer = askFact(prompts, fact('online_sales'), 'zh');
    (await screen()).events.keypress('enter');
    expect(await answer).toEqual({});
  });

  it('yes/no is a choice of skip, 是 or 否, starting on skip: Enter alone never records 是', async () => {
    const { prompts, screen } = renderedPrompts();
    const skipped = askFact(prompts, fact('listed_dishonest'), 'zh');
    const s = await screen();
    expect(s.getScreen()).toMatch(/❯ 跳过[\s\S]*是[\s\S]*否/);
    s.events.keypress('enter');
    expect(await skipped).toEqual({});

    const no = askFact(prompts, fact('listed_dishonest'), 'zh');
    const t = await screen();
    t.events.keypress('down');
    t.events.keypress('down');
    t.events.keypress('enter');
    expect(await no).toEqual({ raw: '否', value: false });
  });

  it('every yes/no and every single-choice fact opens on skip (Enter leaves it unknown)', async () => {
    const { prompts, screen } = renderedPrompts();
    const facts = [...set.facts.values()].filter((f) => f.type === 'boolean' || f.type === 'enum');
    expect(facts.some((f) => f.type === 'enum')).toBe(true);
    for (const f of facts)
      for (const lang of ['zh', 'en'] as const) {
        const a = askFact(prompts, f, lang);
        const s = await screen();
        expect(s.getScreen(), f.id).toContain(`❯ ${lang === 'zh' ? '跳过' : "Skip / don't know"}`);
        s.events.keypress('enter');
        expect(await a, f.id).toEqual({});
      }
  });

  it('entity kinds is a checkbox; the answer is the ids, saved as the labels', async () => {
    const { prompts, screen } = renderedPrompts();
    const answer = askFact(prompts, fact('entity_kinds'), 'zh');
    const s = await screen();
    expect(s.getScreen()).toContain('电商企业');
    s.events.keypress('space');
    s.events.keypress('down');
    s.events.keypress('space');
    s.events.keypress('enter');
    expect(await answer).toEqual({ raw: ['电商企业', '跨境电商企业'], value: ['ecommerce_enterprise', 'cross_border_seller'] });
  });

  it('an enum in English keeps the English label and reads back to the id', async () => {
    const { prompts, screen } = renderedPrompts();
    const answer = askFact(prompts, fact('demo_title_level'), 'en');
    const s = await screen();
    expect(s.getScreen()).toContain('National');
    s.events.keypress('down');
    s.events.keypress('down');
    s.events.keypress('enter');
    expect(await answer).toEqual({ raw: 'Provincial', value: 'provincial' });
  });
});

/** A prompt set whose input answers with the given text; select and checkbox are not used. */
function typing(text: string): Prompts {
  return {
    input: async ({ validate }: { validate?: (v: string) => unknown }) => {
      const ok = validate ? await validate(text) : true;
      if (ok !== true) throw new Error(`refused: ${String(ok)}`);
      return text;
    },
  } as unknown as Prompts;
}

describe('a percentage under a [%] prompt', () => {
  const ratios = [...set.facts.values()].filter((f) => f.type === 'ratio');
  it('every ratio fact shows [%] (the rule the reading depends on)', async () => {
    expect(ratios.length).toBeGreaterThan(0);
    for (const f of ratios) expect(f.unit, f.id).toBe('%');
  });

  it('90 and 90% are both 90% (or n and n% for a smaller range); saved as n% so calc reads the file the same way', async () => {
    for (const f of ratios) {
      const n = Math.min(90, Math.floor(rangeOf(f).max!.toNumber() * 100));
      expect(n, f.id).toBeGreaterThan(1);
      const wide = String.fromCharCode(...[...String(n)].map((c) => c.charCodeAt(0) + 0xfee0)); // full-width digits
      for (const typed of [`${n}`, `${n}%`, ` ${n} `, wide]) {
        const a = await askFact(typing(typed), f, 'zh');
        expect(String(a.value), `${f.id} ${typed}`).toBe(String(n / 100));
        expect(a.raw).toBe(`${n}%`);
        expect(a.note).toBeUndefined();
        expect(coerceFactValue(f, a.raw)).toEqual({ ok: true, value: a.value });
      }
    }
  });

  it('4.35 is 4.35%; 0 is 0%', async () => {
    const f = ratios[0]!;
    expect(String((await askFact(typing('4.35'), f, 'zh')).value)).toBe('0.0435');
    expect(String((await askFact(typing('0'), f, 'zh')).value)).toBe('0');
  });

  it('0.9 (or 1) could be meant as a fraction: it is read as 0.9%, as the prompt says, and the echo says so and how to type 90%', async () => {
    const f = ratios[0]!;
    const a = await askFact(typing('0.9'), f, 'zh');
    expect(String(a.value)).toBe('0.009');
    expect(a.raw).toBe('0.9%');
    expect(a.note).toBe('按 0.9% 计（[%] 后的数字是百分数；如指 90%，请输入 90）');
    const one = await askFact(typing('1'), f, 'en');
    expect(String(one.value)).toBe('0.01');
    expect(one.note).toMatch(/read as 1%.*100%.*type 100/);
    // Written with its %, it is not ambiguous.
    expect((await askFact(typing('0.9%'), f, 'zh')).note).toBeUndefined();
  });

  it('a plain number in a file is still refused for a ratio (no prompt shows [%] there)', () => {
    expect(validateFor(fact('pension_coverage'), 'zh')('95')).toBe(true);
    expect(coerceFactValue(fact('pension_coverage'), '95')).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
  });
});
