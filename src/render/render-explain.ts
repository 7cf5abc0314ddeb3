import type { ClauseResult, Evaluation, PolicyResult, SplitSource, TraceStep } from '../engine/types.js';
import type { RuleSet } from '../model/rule-set.js';
import type { Clause } from '../schema/policy-schema.js';
import { catalogue, fill } from '../i18n/messages.js';
import { Decimal, formatNumber, formatYuan } from '../money/decimal.js';
import { labelsFor, type Labels } from './labels.js';
import { exactNumber, opWord, renderShown, renderTerm, showsResult } from './render-term.js';
import { clauseNote, clauseRef, docLabel } from './rows.js';
import type { ReadingUse } from '../reading-effects/readings-in-play.js';
import { itemName } from '../model/record-value.js';

const SHOWN = new Set(['eligible', 'ceiling', 'needs_data', 'superseded', 'excluded']);
const AMOUNT_ARGS = new Set(['tier', 'before', 'used', 'cap', 'amount']);

/** Words for one trace step. The engine records data; all wording is in the catalogue. */
export function traceLine(t: TraceStep, l: Labels): string {
  const m = catalogue(l.lang);
  const w = m.trace;
  const tri = (r: boolean | 'unknown') => (r === 'unknown' ? w.unknown! : r ? '✓' : '✗');
  switch (t.kind) {
    case 'validity': {
      const partial = t.partial
        ? fill(t.partial.counted ? w.partialCounted! : w.partialNotCounted!, { from: t.partial.from, to: t.partial.to, days: t.partial.days, year: t.year })
        : '';
      return fill(w.validity!, { from: t.from, to: t.to ?? w.openEnded, year: t.year, ok: tri(t.ok), partial, draft: t.draft ? w.draft : '' });
    }
    case 'region':
      return fill(w.region!, { appliesTo: t.appliesTo.map((c) => l.region(c)).join(l.lang === 'zh' ? '、' : ', '), region: l.region(t.region), ok: tri(t.ok) });
    case 'beneficiary':
      return fill(w.beneficiary!, {
        required: l.kinds(t.required),
        actual: t.actual?.map((k) => l.kind(k)).join(l.lang === 'zh' ? '、' : ', ') || w.unknown,
        result: tri(t.result),
      });
    case 'exclusion':
      return fill(w.exclusion!, {
        clause: clauseRef(t.clause, l.lang),
        quote: t.quote,
        result: t.result === true ? w.exclusionYes : t.result === false ? w.exclusionNo : w.unknown,
      });
    case 'condition':
      return conditionLine(t, l, tri(t.result));
    case 'derived':
      return fill(w.derived!, { fact: l.fact(t.fact), from: l.fact(t.from), cny: exactNumber(t.cny), rate: exactNumber(t.rate), usd: exactNumber(t.usd) });
    case 'formula':
      return fill(w.formula!, { text: showsResult(t.term) ? renderTerm(t.term, l) : `${renderTerm(t.term, l)} = ${exactNumber(t.value)}` });
    case 'cap':
      return fill(w.cap!, { per: m.capPer[t.per] ?? t.per, cap: formatNumber(t.cap), before: exactNumber(t.before), after: exactNumber(t.after) });
    case 'history':
      return fill(w.history!, { text: fill(m.history[t.note], historyArgs(t.args, l)) });
    case 'rounding':
      return fill(w.rounding!, { before: exactNumber(t.before), after: formatYuan(t.after) });
    case 'instalments':
      return fill(w.instalments!, { parts: t.parts.map((x) => formatYuan(x)).join(' + ') });
    case 'stacking':
      return fill(t.group === 'one_per_year' ? w.onePerYear! : w.stacking!, { winner: l.clause(t.winner) });
    case 'split': {
      const parts = t.parts.map((p) => `${l.level(p.level)} ${exactNumber(new Decimal(p.share).times(100))}% = ${formatYuan(new Decimal(p.amount))}`);
      return fill(w.split!, { parts: parts.join(' + ') || w.splitNone });
    }
    case 'item': {
      // The item's own steps follow, one line each (traceLines).
      const result = t.result === false ? w.itemNot! : t.result === 'unknown' && !t.value ? w.itemUnknown! : exactNumber(t.value!);
      return fill(w.item!, { list: l.fact(t.fact), name: t.name ?? itemName({ values: new Map() }, t.index, l.lang), result });
    }
    case 'sharedCap': {
      const clauses = l.list(t.clauses.map((id) => l.clauseShort(id)));
      const left = Decimal.max(new Decimal(t.cap).minus(t.used), 0);
      return fill(w.sharedCap!, {
        clauses,
        per: m.capPer[t.per] ?? t.per,
        cap: formatNumber(t.cap),
        used: exactNumber(t.used),
        left: exactNumber(left),
        before: exactNumber(t.before),
        after: exactNumber(t.after),
      });
    }
  }
}

/** A step and, for an item of an each award, the item's own steps below it: one line each, indented by depth. */
export function traceLines(t: TraceStep, l: Labels, indent = ''): string[] {
  const head = indent + traceLine(t, l);
  return t.kind === 'item' ? [head, ...t.steps.flatMap((x) => traceLines(x, l, indent + '  '))] : [head];
}

function conditionLine(t: Extract<TraceStep, { kind: 'condition' }>, l: Labels, result: string): string {
  const w = catalogue(l.lang).trace;
  const op = opWord(t.op, l);
  const threshold = renderShown(t.threshold, l);
  if (t.fact ?? t.field)
    return fill(w.condition!, { subject: l.fact((t.fact ?? t.field)!), op, threshold, actual: t.actual ? renderShown(t.actual, l) : w.unknown, result });
  // A computed figure: its formula by name, then with the values used, then the value.
  const named = renderTerm(t.expr!, l, true);
  const valued = t.value ? `${renderTerm(t.expr!, l)} = ${exactNumber(t.value)}` : w.unknown!;
  return fill(w.condition!, { subject: named, op, threshold, actual: valued, result });
}

function historyArgs(args: Record<string, string>, l: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) out[k] = AMOUNT_ARGS.has(k) ? formatNumber(new Decimal(v)) : v;
  if (args.level) out.level = args.fact ? l.value(args.fact, args.level) : args.level;
  return out;
}

function readingStep(u: ReadingUse, l: Labels): string {
  const r = l.set.readings.find((x) => x.id === u.id);
  const o = r?.options.find((x) => x.id === u.option);
  return (
    fill(catalogue(l.lang).readings.explainStep!, { question: r?.question[l.lang] ?? u.id, option: o ? o.label[l.lang] : u.option }) +
    (l.ids ? `〔${u.id}=${u.option}〕` : '')
  );
}

/** Where a split's shares come from, said once: the text (with its quote), a regime file, or nobody. */
export function splitSourceLine(s: SplitSource | undefined, l: Labels): string | undefined {
  if (!s) return undefined;
  const w = catalogue(l.lang).trace;
  const quote = 'quote' in s && s.quote ? ` “${s.quote}”` : '';
  const note = 'note' in s && s.note ? ` — ${l.note(s.note)}` : '';
  const doc = (policy: string) => docOf(l.set, policy);
  if (s.kind === 'text') return fill(w.sourceText!, { policy: doc(s.policy), clause: s.clause ?? '', quote, note });
  if (s.kind === 'regime_file') return fill(w.sourceRegime!, { file: s.file, title: s.title, source: s.source, note });
  return fill(w.sourceNone!, { policy: doc(s.policy), clause: s.clause ?? '', quote });
}

export function docOf(set: RuleSet, policyId: string): string {
  const p = set.policies.find((lp) => lp.policy.id === policyId)?.policy;
  return p ? (p.doc_number ?? p.short_title ?? p.title) : policyId;
}

/** A clause's working, in parts: the steps (each with its kind), the note, the readings that decided it, who pays, the quote and the rule's notes. */
export interface ClauseExplanation {
  steps: { kind: TraceStep['kind']; text: string }[];
  note: string;
  /** Where a reading of the text decided this result: another option would have given another one. */
  readings: string[];
  split?: string;
  quote: string;
  notes: string[];
}

/** `policySteps: false` leaves out the document's own steps (validity, region, disqualifiers), for a reader who has them once per document. */
export function explainParts(
  p: PolicyResult,
  c: ClauseResult,
  clause: Clause | undefined,
  l: Labels,
  uses: ReadingUse[] = [],
  policySteps = true,
): ClauseExplanation {
  const seen = new Set<string>();
  const steps: ClauseExplanation['steps'] = [];
  for (const t of policySteps ? [...p.trace, ...c.trace] : c.trace) {
    // The split is said once, with its source, below.
    if (t.kind === 'split') continue;
    const text = traceLine(t, l);
    // A derived figure is read once per condition or formula that uses it: said once.
    if (t.kind === 'derived' && seen.has(text)) continue;
    seen.add(text);
    // An item of an each award brings its own steps, indented below it (traceLines).
    for (const line of traceLines(t, l)) steps.push({ kind: t.kind, text: line });
  }
  const readings = uses.filter((u) => u.touches.includes(c.clauseId)).map((u) => readingStep(u, l));
  // Who pays, said once: the parts and where the shares come from (or that the text gives none).
  const split = c.trace.find((t): t is Extract<TraceStep, { kind: 'split' }> => t.kind === 'split');
  const src = splitSourceLine(c.split?.source, l);
  const who = split?.parts.length ? [traceLine(split, l), src ?? ''].filter(Boolean).join(l.lang === 'zh' ? '；' : '; ') : src;
  const quote = clause ? (Array.isArray(clause.quote) ? clause.quote.join(' … ') : clause.quote) : '';
  return { steps, note: clauseNote(c, l, { split: false }), readings, split: who, quote, notes: c.notes.map((n) => l.note(n)) };
}

/** The document's own steps for a document that does not apply, with its note and the readings that decided that. */
export function documentSteps(p: PolicyResult, l: Labels, uses: ReadingUse[] = []): string[] {
  return [
    ...p.trace.map((t) => traceLine(t, l)),
    ...(p.note ? [l.note(p.note)] : []),
    ...uses.filter((u) => u.touches.includes(p.policyId)).map((u) => readingStep(u, l)),
  ];
}

export function explainClause(p: PolicyResult, c: ClauseResult, clause: Clause | undefined, l: Labels, uses: ReadingUse[] = []): string {
  const m = catalogue(l.lang);
  const amount = c.amount ?? c.potential;
  const head = `■ ${docLabel(p, l.lang)} ${c.number}${c.part ? ' ' + c.part : ''} ${c.title} — ${m.status[c.status]}${amount ? ` ${formatYuan(amount)}` : ''}`;
  const x = explainParts(p, c, clause, l, uses);
  const lines = [head, ...x.steps.map((s) => '  ' + s.text)];
  if (x.note) lines.push(`  ${x.note}`);
  for (const r of x.readings) lines.push(`  ${r}`);
  if (x.split) lines.push(`  ${x.split}`);
  lines.push('  ' + fill(m.trace.quoteLine!, { doc: p.docNumber ?? p.title, number: c.number, quote: x.quote }));
  for (const n of x.notes) lines.push(`  ${m.words.note}${l.lang === 'zh' ? '：' : ': '}${n}`);
  return lines.join('\n');
}

/** The working for every clause that carries an amount (or, with all, every clause). */
export function renderExplain(ev: Evaluation, set: RuleSet, l: Labels = labelsFor(set, 'zh'), all = false, uses: ReadingUse[] = []): string {
  const clauses = new Map(set.policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, c] as const)));
  const out: string[] = [];
  for (const p of ev.policies) {
    if (p.applicability !== 'applies') {
      out.push([`■ ${docLabel(p, l.lang)} — ${catalogue(l.lang).status[p.applicability]}`, ...documentSteps(p, l, uses).map((t) => '  ' + t)].join('\n'));
      continue;
    }
    for (const c of p.clauses) if (all || SHOWN.has(c.status)) out.push(explainClause(p, c, clauses.get(c.clauseId), l, uses));
  }
  return out.join('\n\n') + '\n';
}
