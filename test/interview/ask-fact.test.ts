import { describe, expect, it } from 'vitest';
import { render } from '@inquirer/testing';
import { input, select, checkbox } from '@inquirer/prompts';
import { shippedRules } from '../helpers/mini-rules.js';
import { askFact, isSkip, validateFor } from '../../src/interview/ask-fact.js';
import type { Prompts } from '../../src/interview/prompts.js';

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
  const prompts = { input: via(input), select: via(select), checkbox: via(checkbox) } as unknown as Prompts;
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
    expect(validateFor(fact('pension_coverage'), 'zh')('95')).toMatch(/OUT_OF_RANGE.*95%/);
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

  it('yes/no is a choice of 是, 否 or skip', async () => {
    const { prompts, screen } = renderedPrompts();
    const no = askFact(prompts, fact('listed_dishonest'), 'zh');
    const s = await screen();
    expect(s.getScreen()).toMatch(/是[\s\S]*否[\s\S]*跳过/);
    s.events.keypress('down');
    s.events.keypress('enter');
    expect(await no).toEqual({ raw: '否', value: false });

    const skipped = askFact(prompts, fact('listed_dishonest'), 'zh');
    const t = await screen();
    t.events.keypress('down');
    t.events.keypress('down');
    t.events.keypress('enter');
    expect(await skipped).toEqual({});
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
    s.events.keypress('enter');
    expect(await answer).toEqual({ raw: 'Provincial', value: 'provincial' });
  });
});
