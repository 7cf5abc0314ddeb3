import type { RuleSet } from '../model/rule-set.js';
import { catalogue, fill, type Lang } from '../i18n/messages.js';
import type { HistoryField } from '../engine/types.js';

/**
 * The names a reader sees for the things the rules name by id: facts by the
 * Chinese (or English) label the template uses as its header, kinds and levels
 * by their labels, regions by name, clauses by document, number and title.
 * With `ids`, each name is followed by its id, for whoever maps output back to rules.
 */
export class Labels {
  private clauses?: Map<string, { doc: string; number: string; title: string }>;

  constructor(
    readonly set: RuleSet,
    readonly lang: Lang,
    readonly ids = false,
  ) {}

  private withId(label: string, id: string): string {
    return this.ids && label !== id ? `${label}〔${id}〕` : label;
  }

  fact(id: string): string {
    const f = this.set.facts.get(id) ?? this.field(id);
    return this.withId(f ? f.label[this.lang] : id, id);
  }

  /** A field of a record list, named by its path (signed_streamers.sales), read like a fact. */
  private field(path: string) {
    const dot = path.indexOf('.');
    return dot < 0 ? undefined : this.set.facts.get(path.slice(0, dot))?.fields?.find((f) => f.id === path.slice(dot + 1));
  }

  /** A value of an enum fact (a kind of entity, an honour level) or enum field, by its label. */
  value(fact: string, id: string): string {
    const v = (this.set.facts.get(fact) ?? this.field(fact))?.values?.find((x) => x.id === id);
    return this.withId(v ? v[this.lang] : id, id);
  }

  /** A kind of entity (a beneficiary) by its label. */
  kind(id: string): string {
    return this.value('entity_kinds', id);
  }

  /** A beneficiary as a rule gives it: one kind, or several of which any will do (电商企业或个体工商户). */
  kinds(ids: string | readonly string[]): string {
    return [ids]
      .flat()
      .map((k) => this.kind(k))
      .join(this.lang === 'zh' ? '或' : ' or ');
  }

  /** Who supplies a fact the applicant cannot know (由县财政局提供), or '' for the applicant's own facts. */
  supplier(id: string): string {
    const f = this.set.facts.get(id);
    return f?.supplied_by === 'authority' && f.supplier ? fill(catalogue(this.lang).words.suppliedBy!, { who: f.supplier[this.lang] }) : '';
  }

  /** What the applicant is called: 主体 where a person can be paid (see Evaluation.subject), else 企业. */
  subject(ev: { subject?: 'entity' }): string {
    const w = catalogue(this.lang).words;
    return ev.subject === 'entity' ? w.subjectEntity! : w.enterprise!;
  }

  /** A region by name in the reader's language; codes are numbers people use too, so they are not hidden. */
  region(code: string): string {
    const r = this.set.regions.get(code);
    return r ? (this.lang === 'zh' ? r.name : r.en) : code;
  }

  level(level: string): string {
    return this.withId(catalogue(this.lang).level[level] ?? level, level);
  }

  history(field: HistoryField): string {
    return this.withId(catalogue(this.lang).historyField[field] ?? field, field);
  }

  /** A clause as a reader finds it in the text: document, number (and part), title. */
  clause(id: string): string {
    this.clauses ??= new Map(
      this.set.policies.flatMap((lp) =>
        lp.policy.clauses.map(
          (c) =>
            [
              c.id,
              { doc: lp.policy.doc_number ?? lp.policy.short_title ?? lp.policy.title, number: c.part ? `${c.number} ${c.part}` : c.number, title: c.title },
            ] as const,
        ),
      ),
    );
    const c = this.clauses.get(id);
    return this.withId(c ? `${c.doc} ${c.number} ${c.title}` : id, id);
  }

  /**
   * A note from a rule file, with its references to the dictionary ({fact:id},
   * {kind:id}, {history:field}) put in words: rule writers name a fact once, by id,
   * and every reader sees the label the template uses.
   */
  note(text: string): string {
    if (!text.includes('{')) return text;
    // Notes stay in the language they were written in (Chinese), and so do the names put into them.
    const zh = this.lang === 'zh' ? this : labelsFor(this.set, 'zh', this.ids);
    return text.replace(NOTE_REF, (_whole, kind: string, id: string) => {
      // A reading is named by its question: the option in force is in the output's readings footer.
      // Quotes inside the question become single quotes, as Chinese nests them.
      if (kind === 'reading') return `“${(this.set.readings.find((r) => r.id === id)?.question.zh ?? id).replace(/“/g, '‘').replace(/”/g, '’')}”`;
      const label = kind === 'fact' ? zh.fact(id) : kind === 'kind' ? zh.kind(id) : zh.history(id as HistoryField);
      return `“${label}”`;
    });
  }

  /** A clause's number and part only (第2条, 二、签约主播), for lists of clauses inside one document. */
  clauseShort(id: string): string {
    const c = this.set.policies.flatMap((lp) => lp.policy.clauses).find((x) => x.id === id);
    if (!c) return this.withId(id, id);
    const number = /^\d+$/.test(c.number) && this.lang === 'zh' ? `第${c.number}条` : c.number;
    const gap = this.lang === 'zh' && /[、）)条]$/.test(number) ? '' : ' ';
    return this.withId(c.part ? `${number}${gap}${c.part}` : number, id);
  }

  /** Several names as a reader lists them: 甲、乙与丙 / A, B and C. */
  list(names: string[]): string {
    if (names.length < 2) return names.join('');
    const [last, rest] = [names[names.length - 1]!, names.slice(0, -1)];
    return this.lang === 'zh' ? `${rest.join('、')}与${last}` : `${rest.join(', ')} and ${last}`;
  }

  /** A clause's number (and part) alone, for places where its document is already named. */
  clauseNumber(id: string): string {
    this.clause(id);
    const c = this.clauses!.get(id);
    return this.withId(c ? `${c.number} ${c.title}` : id, id);
  }
}

/** A reference inside a note: {fact:online_sales}, {kind:park_operator}, {history:paid_total}, {reading:rate-ceiling}. */
export const NOTE_REF = /\{(fact|kind|history|reading):([a-z0-9][a-z0-9_-]*)\}/g;

const cache = new WeakMap<RuleSet, Map<string, Labels>>();

/** One Labels per rule set, language and id setting (batch asks for them per row). */
export function labelsFor(set: RuleSet, lang: Lang, ids = false): Labels {
  let bySet = cache.get(set);
  if (!bySet) cache.set(set, (bySet = new Map()));
  const key = `${lang}${ids ? '+ids' : ''}`;
  let l = bySet.get(key);
  if (!l) bySet.set(key, (l = new Labels(set, lang, ids)));
  return l;
}
