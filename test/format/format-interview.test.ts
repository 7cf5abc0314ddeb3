import { beforeAll, describe, expect, it } from 'vitest';
import { askFact } from '../../src/interview/ask-fact.js';
import { nextQuestion, type InterviewState } from '../../src/interview/choose-questions.js';
import type { Prompts } from '../../src/interview/prompts.js';
import { RecordList } from '../../src/model/record-value.js';
import type { RuleSet } from '../../src/load/load-rules.js';
import { checkRules } from '../../src/load/validate-rules.js';
import { copyWithSixthPolicy } from '../helpers/sixth-policy.js';

/** The interview on the synthetic sixth policy: record lists typed in one answer, and a figure only an authority knows. */
let set: RuleSet;
beforeAll(() => {
  set = checkRules(copyWithSixthPolicy().rules).set!;
});

/** Prompts that answer every typed question with `answer` (after the prompt's own validation), and keep the messages. */
function typing(answer: string) {
  const messages: string[] = [];
  const p = {
    input: async (c: { message: string; validate?: (v: string) => boolean | string | Promise<boolean | string> }) => {
      messages.push(c.message);
      const ok = c.validate ? await c.validate(answer) : true;
      if (ok !== true) throw new Error(String(ok));
      return answer;
    },
  } as unknown as Prompts;
  return { p, messages };
}

describe('interview: new kinds of fact', () => {
  it('a figure an authority supplies says who supplies it, in the question', async () => {
    const { p, messages } = typing('80万');
    await askFact(p, set.facts.get('local_contribution_retained')!, 'zh');
    expect(messages[0]).toContain('县财政局');
    const own = typing('6000万');
    await askFact(own.p, set.facts.get('online_sales')!, 'zh');
    expect(own.messages[0]).not.toContain('财政局');
  });

  it('it is asked after every figure the applicant knows', () => {
    const state: InterviewState = { region: '331123', year: 2025, facts: new Map([['entity_kinds', ['ecommerce_enterprise']]]), skipped: new Set() };
    const asked: string[] = [];
    for (let q = nextQuestion(set, state); q && asked.length < 1000; q = nextQuestion(set, state)) {
      asked.push(q.fact.id);
      state.skipped.add(q.fact.id);
    }
    expect(asked).toContain('local_contribution_retained');
    expect(asked[asked.length - 1]).toBe('local_contribution_retained');
  });

  it('a record list is typed in one answer, with the order of its fields in the hint', async () => {
    const { p, messages } = typing('春季直播节:50万/是; 秋季活动:20万/否');
    const a = await askFact(p, set.facts.get('live_events')!, 'zh');
    expect(messages[0]).toContain('活动费用/经县商务局认定');
    expect(a.value).toBeInstanceOf(RecordList);
    expect((a.value as RecordList).items.map((x) => x.name)).toEqual(['春季直播节', '秋季活动']);
    await expect(askFact(typing('春季直播节:50万').p, set.facts.get('live_events')!, 'zh')).rejects.toThrow(/RECORD_ITEM|2 个/);
  });
});
