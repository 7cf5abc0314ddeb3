import type { RuleSet } from '../model/rule-set.js';
import type { Evaluation } from '../engine/types.js';
import { formatFinding } from '../i18n/format-error.js';
import type { Lang } from '../i18n/messages.js';
import { renderResult } from '../render/render-result.js';
import { askFact, word } from './ask-fact.js';
import { askHistory, historyQuestions } from './ask-history.js';
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
  /** Clause ids whose award history was asked, in order. */
  askedHistory: string[];
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
      if (a.note) write(`  ${a.note}\n`);
    }
  }
  const history = await askAllHistory(p, set, state, o.lang, write);
  const evaluation = evaluateState(set, state);
  write('\n' + renderResult([evaluation], set, { format: 'table', lang: o.lang, color: io.color, width: io.width }));
  write(word(o.lang, 'interviewDone', { answered: given.size, skipped: state.skipped.size }) + '\n');
  if (history.asked.length) write(word(o.lang, 'historyDone', { answered: history.given.size, skipped: history.skipped.length }) + '\n');
  const answers: Answers = { region, year, given, skipped: [...state.skipped], history: history.given, skippedHistory: history.skipped };
  const saved = await offerSave(p, set, answers, o.lang, write);
  return { answers, asked, askedHistory: history.asked, evaluation, saved };
}

/**
 * After the facts: what was received before, once per clause whose award
 * depends on it and that the enterprise can still get. A skipped clause stays
 * absent from the history (its answers unknown).
 */
async function askAllHistory(p: Prompts, set: RuleSet, state: InterviewState, lang: Lang, write: (text: string) => void) {
  const uses = historyQuestions(set, evaluateState(set, state));
  const given = new Map<string, Record<string, string | number>>();
  const skipped: string[] = [];
  state.history = new Map();
  if (uses.length) write(`\n${word(lang, 'historyHead')}\n`);
  for (const [i, use] of uses.entries()) {
    const a = await askHistory(p, set, use, lang, `(${i + 1}/${uses.length}) `);
    if (!a.entry || !a.given) skipped.push(use.clause.id);
    else {
      state.history.set(use.clause.id, a.entry);
      given.set(use.clause.id, a.given);
    }
  }
  return { asked: uses.map((u) => u.clause.id), given, skipped };
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
