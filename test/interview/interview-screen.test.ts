// @inquirer/testing/vitest must come first: it swaps every Inquirer prompt for one drawn on a virtual screen.
import { screen } from '@inquirer/testing/vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../helpers/mini-rules.js';
import { runInterview } from '../../src/interview/run-interview.js';
import { word } from '../../src/interview/ask-fact.js';
import type { Prompts } from '../../src/interview/prompts.js';
import type { Fact } from '../../src/schema/fact-schema.js';
import { factOf, historyPromptOf } from './fake-prompts.js';
import { exampleAnswers } from './lanxi-answers.js';

const set = shippedRules();

/** Waits for screen updates until the screen shows what is expected. */
async function until(pred: (s: string) => boolean): Promise<string> {
  while (!pred(screen.getScreen())) await screen.next();
  return screen.getScreen();
}

/** Answers the prompt on screen with keys, as a person would: arrows and space for choices, typing for amounts. */
function answer(fact: Fact, want: string | string[] | undefined): void {
  const labels = fact.type === 'boolean' ? ['是', '否'] : (fact.values ?? []).map((v) => v.zh);
  if (fact.type === 'enum_set') {
    for (const l of labels) {
      if (want?.includes(l)) screen.keypress('space');
      screen.keypress('down');
    }
  } else if (fact.type === 'boolean' || fact.type === 'enum') {
    const at = typeof want === 'string' ? labels.indexOf(want) + 1 : 0; // the skip choice is first, and where the cursor starts
    if (at < 0) throw new Error(`${String(want)} is not a choice for ${fact.id}`);
    for (let i = 0; i < at; i++) screen.keypress('down');
  } else if (typeof want === 'string') screen.type(want);
  screen.keypress('enter');
}

describe('the interview with real Inquirer prompts on a virtual screen', () => {
  it('Lanxi cross-border seller: region search, default year, questions, a bad amount re-asked, the table, saved', async () => {
    const prompts = (await import('@inquirer/prompts')) as unknown as Prompts;
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-screen-'));
    const path = join(dir, 'lanxi.yaml');
    let out = '';
    const run = runInterview(set, { prompts, write: (t) => void (out += t) }, { lang: 'zh', now: new Date('2024-05-01') });

    expect(screen.getScreen()).toContain('企业所在地区');
    screen.type('兰溪');
    await until((s) => s.includes('兰溪市 (330781)') && !s.includes('杭州市'));
    screen.keypress('enter');
    await until((s) => s.includes('数据年度'));
    expect(screen.getScreen()).toContain('2023');
    screen.keypress('enter');
    await until((s) => s.includes('申报主体属于哪些类型'));

    const answers = exampleAnswers();
    let reasked = false;
    const histories: string[] = [];
    for (let n = 0; n < 80; n++) {
      const text = screen.getScreen();
      if (text.includes(word('zh', 'askSave'))) break;
      const history = historyPromptOf(set, text);
      if (history) {
        // What was received before: 否 (skip, 是, 否), except lanxi-2022/3, paid in one year before.
        const paid = history.clause === 'lanxi-2022/3';
        if (history.field === 'answer') screen.keypress('down');
        if (history.field === 'answer' && !paid) screen.keypress('down');
        if (history.field === 'years_paid') screen.type('1');
        histories.push(`${history.clause} ${history.field}`);
        screen.keypress('enter');
        await screen.next();
        continue;
      }
      const fact = factOf(set, text);
      if (!fact) throw new Error(`no question recognised on screen:\n${text}`);
      if (fact.id === 'online_sales' && !reasked) {
        screen.type('很多');
        screen.keypress('enter');
        await until((s) => s.includes('BAD_VALUE'));
        screen.keypress('backspace');
        screen.keypress('backspace');
        reasked = true;
      }
      answer(fact, answers[fact.id]);
      await screen.next();
    }
    expect(reasked).toBe(true);
    expect(histories).toContain('lanxi-2022/3 answer');
    expect(histories).toContain('lanxi-2022/3 years_paid');
    screen.keypress('enter'); // save: yes (the default)
    await until((s) => s.includes(word('zh', 'askName')));
    screen.type('兰溪某跨境电商');
    screen.keypress('enter');
    await until((s) => s.includes(word('zh', 'askPath')));
    screen.type(path);
    screen.keypress('enter');
    const r = await run;

    const c8 = r.evaluation.policies.flatMap((p) => p.clauses).find((c) => c.clauseId === 'lanxi-2022/8')!;
    expect(c8.amount?.toFixed(2)).toBe('100000.00');
    expect(r.evaluation.totals.sure.toFixed(2)).toBe('218000.00');
    expect(out).toContain('确定金额: 218,000.00');
    expect(r.saved).toBe(path);
    expect(existsSync(path)).toBe(true);
    expect(r.answers.history?.get('lanxi-2022/3')).toEqual({ years_paid: '1' });
    expect(readFileSync(path, 'utf8')).toMatch(/lanxi-2022\/3: \{ years_paid: 1 \}/);
  });
});
