import type { RuleSet } from '../load/load-rules.js';
import type { Evaluation } from '../engine/types.js';
import { formatFinding } from '../i18n/format-error.js';
import type { Lang } from '../i18n/messages.js';
import { renderResult } from '../render/render-result.js';
import { askFact, word } from './ask-fact.js';
import { evaluateState, openQuestions, type InterviewState } from './choose-questions.js';
import { filterRegions, regionChoices } from './region-choices.js';
import { offerSave, type Answers } from './save-answers.js';
import type { Prompts } from './prompts.js';

export interface InterviewIO {
  prompts: Prompts;
  write: (text: string) => void;
  color?: boolean;
  /** Terminal columns: the final table fits them (cards on a narrow terminal). */
  width?: number;
}

export interface InterviewOptions {
  lang: Lang;
  /** Given on the command line: that prompt is not shown. */
  region?: string;
  year?: number;
  now?: Date;
}

export interface InterviewResult {
  answers: Answers;
  /** Fact ids in the order they were asked. */
  asked: string[];
  evaluation: Evaluation;
  saved?: string;
}

/**
 * The interview: region, year, then one question at a time chosen by the
 * engine (see choose-questions.ts), re-evaluating after every answer so that
 * questions that can no longer change the result are never asked. Ends with
 * calc's table and an offer to save the answers as an input file.
 */
export async function runInterview(set: RuleSet, io: InterviewIO, o: InterviewOptions): Promise<InterviewResult> {
  const { prompts: p, write } = io;
  const region = o.region ?? (await askRegion(p, set, o.lang));
  const year = o.year ?? (await askYear(p, o.lang, o.now ?? new Date()));
  const state: InterviewState = { region, year, facts: new Map(), skipped: new Set() };
  const given = new Map<string, string | string[]>();
  const asked: string[] = [];
  for (let open = openQuestions(set, state); open.length; open = openQuestions(set, state)) {
    const { fact } = open[0]!;
    asked.push(fact.id);
    const help = fact.help?.[o.lang];
    write(`\n${fact.label[o.lang]}${help ? ' — ' + help : ''}\n`);
    const a = await askFact(p, fact, o.lang, `(${asked.length}/~${asked.length + open.length - 1}) `);
    if (a.value === undefined || a.raw === undefined) state.skipped.add(fact.id);
    else {
      state.facts.set(fact.id, a.value);
      given.set(fact.id, a.raw);
    }
  }
  const evaluation = evaluateState(set, state);
  write('\n' + renderResult([evaluation], set, { format: 'table', lang: o.lang, color: io.color, width: io.width }));
  write(word(o.lang, 'interviewDone', { answered: given.size, skipped: state.skipped.size }) + '\n');
  const answers: Answers = { region, year, given, skipped: [...state.skipped] };
  const saved = await offerSave(p, set, answers, o.lang, write);
  return { answers, asked, evaluation, saved };
}

async function askRegion(p: Prompts, set: RuleSet, lang: Lang): Promise<string> {
  const choices = regionChoices(set, lang);
  return p.search({ message: word(lang, 'askRegion'), source: (term) => filterRegions(choices, term), pageSize: 12 });
}

async function askYear(p: Prompts, lang: Lang, now: Date): Promise<number> {
  const text = await p.input({
    message: word(lang, 'askYear'),
    default: String(now.getFullYear() - 1),
    validate: (v) => (isYear(v) ? true : formatFinding({ code: 'BAD_YEAR', args: { value: v } }, lang)),
  });
  return Number(text.trim().replace(/年$/, ''));
}

function isYear(v: string): boolean {
  const y = Number(v.trim().replace(/年$/, ''));
  return Number.isInteger(y) && y >= 2000 && y <= 2100;
}
