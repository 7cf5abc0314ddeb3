import type { RuleSet } from '../model/rule-set.js';
import { catalogue, fill } from '../i18n/messages.js';
import { formatYuan } from '../money/decimal.js';
import type { Range, RangeEnd } from '../reading-effects/range.js';
import type { ReadingUse } from '../reading-effects/readings-in-play.js';
import type { Labels } from './labels.js';

const sep = (l: Labels) => (l.lang === 'zh' ? '；' : '; ');

function option(set: RuleSet, id: string, option: string, l: Labels): string {
  const o = set.readings.find((r) => r.id === id)?.options.find((x) => x.id === option);
  return o ? `${o.label[l.lang]}${l.ids ? `〔${id}=${option}〕` : ''}` : `${id}=${option}`;
}

function question(set: RuleSet, id: string, l: Labels): string {
  return set.readings.find((r) => r.id === id)?.question[l.lang] ?? id;
}

/** The readings that decided something (and any chosen away from its default), one line each. */
export function readingsLines(uses: ReadingUse[], l: Labels): string[] {
  const w = catalogue(l.lang).readings;
  return uses
    .filter((u) => u.decided || !u.isDefault)
    .map((u) =>
      fill(u.isDefault ? w.usedDefault! : w.usedChosen!, {
        question: question(l.set, u.id, l),
        option: option(l.set, u.id, u.option, l),
        count: u.touches.length,
      }),
    );
}

/**
 * A batch's readings (the .xlsx report's 说明): each one that changed a result of at
 * least one enterprise (counted per enterprise, readingsInPlay), or was chosen away
 * from its default, with the option in force; in the rule set's order.
 */
export function batchReadingsLines(decided: ReadonlyMap<string, number>, l: Labels): string[] {
  const w = catalogue(l.lang).readings;
  const lines = l.set.readings.flatMap((r) => {
    const chosen = l.set.choices[r.id] ?? r.default;
    const count = decided.get(r.id) ?? 0;
    if (!count && chosen === r.default) return [];
    return [
      fill(chosen === r.default ? w.batchDefault! : w.batchChosen!, { question: question(l.set, r.id, l), option: option(l.set, r.id, chosen, l), count }),
    ];
  });
  return lines.length ? lines : [w.batchNone!];
}

/** The options that give an end of the range, where they differ from the readings in force (else: as read now). */
function choicesText(set: RuleSet, c: Record<string, string>, l: Labels): string {
  const differ = Object.entries(c).filter(([id, o]) => (set.choices[id] ?? '') !== o);
  return differ.map(([id, o]) => option(set, id, o, l)).join(sep(l)) || catalogue(l.lang).readings.asNow!;
}

function end(e: RangeEnd, l: Labels): string {
  return `${formatYuan(e.amount)}（${choicesText(l.set, e.choices, l)}）`;
}

/** calc --range: per clause and in total, the lowest and highest award and the readings that give each. */
export function renderRange(r: Range, l: Labels): string {
  const w = catalogue(l.lang).readings;
  if (!r.readings.length) return `${w.rangeHead}\n  ${w.rangeNone}\n`;
  const lines = [
    fill(w.rangeHead!, {}),
    `  ${fill(w.rangeReadings!, { count: r.combinations })}`,
    ...r.readings.map((x) => `    · ${question(l.set, x.id, l)}`),
  ];
  for (const c of r.clauses) lines.push(`  ${l.clause(c.clauseId)}：${w.low} ${end(c.low, l)} — ${w.high} ${end(c.high, l)}`);
  lines.push(`  ${catalogue(l.lang).words.sure}：${w.low} ${end(r.sure.low, l)} — ${w.high} ${end(r.sure.high, l)}`);
  lines.push(`  ${catalogue(l.lang).words.ceilings}：${w.low} ${end(r.ceilings.low, l)} — ${w.high} ${end(r.ceilings.high, l)}`);
  return lines.join('\n') + '\n';
}

/** subsidy rules readings: every reading with its question, words, options, default and why, and what it governs. */
export function listReadings(set: RuleSet, l: Labels): string {
  const w = catalogue(l.lang).readings;
  const out: string[] = [];
  for (const r of set.readings) {
    const clauses = new Set<string>();
    const docs = new Set<string>();
    for (const lp of set.policies)
      for (const s of lp.switches ?? [])
        if (s.reading === r.id) {
          if (s.path[0] === 'clauses' && typeof s.path[1] === 'number') clauses.add(lp.policy.clauses[s.path[1]]!.id);
          else docs.add(lp.policy.doc_number ?? lp.policy.short_title ?? lp.policy.title);
        }
    out.push(`■ ${r.id} — ${r.question[l.lang]}`);
    for (const q of [r.quote].flat()) out.push(`  ${w.quote}：“${q}”`);
    for (const o of r.options) {
      out.push(`  ${o.id === r.default ? '●' : '○'} ${o.id}：${o.label[l.lang]}${o.id === r.default ? `（${w.default}）` : ''}`);
      out.push(`      ${o.note}${o.source ? `（${w.source}：${o.source}）` : ''}`);
    }
    out.push(`  ${w.why}：${r.why}`);
    out.push(`  ${fill(w.governs!, { clauses: [...clauses].map((c) => l.clause(c)).join(sep(l)) || '—', documents: [...docs].join(sep(l)) || '—' })}`);
    out.push('');
  }
  const profiles = Object.entries(set.profiles).map(([name, p]) => `  ${name}：${p.title[l.lang]}${p.note ? ` — ${p.note}` : ''}`);
  if (profiles.length) out.push(w.profiles!, ...profiles);
  return out.join('\n') + '\n';
}
