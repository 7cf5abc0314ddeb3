import type { Award, Clause, Condition, NumExpr } from '../../schema/policy-schema.js';
import { catalogue, fill } from '../../i18n/messages.js';
import type { Labels } from '../../render/labels.js';

/**
 * The encoding of a clause in plain words, for `rules show` and for reviewers:
 * facts by their labels, kinds and levels by theirs, in the reader's language.
 */
export function describeExpr(e: NumExpr, l: Labels, list?: string): string {
  if (typeof e !== 'object') return String(e);
  if ('fact' in e) return l.fact(e.fact);
  // A field of the item at hand (inside an each award over `list`).
  if ('field' in e) return l.fact(`${list}.${e.field}`);
  const [op, args] = Object.entries(e)[0] as [string, NumExpr[]];
  const sym: Record<string, string> = { add: ' + ', sub: ' − ', mul: ' × ', div: ' ÷ ' };
  const f = catalogue(l.lang).formula;
  return sym[op] ? `(${args.map((a) => describeExpr(a, l, list)).join(sym[op])})` : `${f[op] ?? op}(${args.map((a) => describeExpr(a, l, list)).join(', ')})`;
}

function value(fact: string, v: unknown, l: Labels): string {
  const w = catalogue(l.lang).words;
  if (typeof v === 'boolean') return v ? w.yes! : w.no!;
  if (l.set.facts.get(fact)?.values) return l.value(fact, String(v));
  return String(v);
}

export function describeCondition(c: Condition, l: Labels, list?: string): string {
  const d = catalogue(l.lang).describe;
  const op = (o: string) => catalogue(l.lang).op[o] ?? o;
  if ('all' in c) return c.all.map((x) => describeCondition(x, l, list)).join(d.and);
  if ('any' in c) return `(${c.any.map((x) => describeCondition(x, l, list)).join(d.or)})`;
  if ('not' in c) return fill(d.not!, { x: describeCondition(c.not, l, list) });
  if ('expr' in c) return `${describeExpr(c.expr, l, list)} ${op(c.op)} ${c.value}`;
  const subject = 'fact' in c ? c.fact : `${list}.${c.field}`;
  const v = Array.isArray(c.value) ? c.value.map((x) => value(subject, x, l)).join(l.lang === 'zh' ? '、' : ', ') : value(subject, c.value, l);
  return `${l.fact(subject)} ${op(c.op)} ${v}`;
}

export function describeAward(a: Award, l: Labels, list?: string): string {
  const d = catalogue(l.lang).describe;
  const e = (x: NumExpr) => describeExpr(x, l, list);
  switch (a.kind) {
    case 'fixed':
      return fill(d.fixed!, { amount: a.amount });
    case 'rate':
      return `${a.rate} × ${e(a.base)}`;
    case 'tiers':
      return fill(a.mode === 'first_reached' ? d.tiersFirst! : d.tiers!, {
        base: e(a.base),
        tiers: a.tiers.map((t) => `${a.strict ? '>' : '≥'}${t.at} → ${t.amount}`).join(l.lang === 'zh' ? '；' : '; '),
      });
    case 'levels':
      return fill(a.mode === 'upgrade' ? d.levelsUpgrade! : d.levels!, {
        fact: l.fact(a.fact),
        levels: Object.entries(a.amounts)
          .map(([k, v]) => `${l.value(a.fact, k)} → ${v}`)
          .join(l.lang === 'zh' ? '；' : '; '),
      });
    case 'per_unit':
      return `${e(a.count)} × ${a.amount}`;
    case 'per_step':
      return `${catalogue(l.lang).formula.floor}(${e(a.base)} ÷ ${a.step}) × ${a.amount}`;
    case 'rent':
      return a.parts
        .map((p) =>
          fill(p.rate ? d.rent! : d.rentFlat!, {
            label: p.label,
            rate: p.rate ?? '',
            rent: p.rent ? e(p.rent) : '',
            ceiling: p.ceiling_per_m2_month,
            area: e(p.area),
            months: e(p.months),
          }),
        )
        .join(' + ');
    case 'per_item':
      return fill(a.cap_each ? d.perItemCapped! : d.perItem!, { items: l.fact(a.items), rate: a.rate, cap: a.cap_each ?? '' });
    case 'sum':
      return a.parts.map((p) => describeAward(p, l, list)).join(' + ');
    case 'max':
      return `${catalogue(l.lang).formula.max}(${a.parts.map((p) => describeAward(p, l, list)).join(', ')})`;
    case 'cases':
      return (
        a.cases.map((c) => fill(d.case!, { when: describeCondition(c.when, l, list), award: describeAward(c.award, l, list) })).join(d.else) +
        (a.otherwise ? `${d.else}${describeAward(a.otherwise, l, list)}` : '')
      );
    case 'each': {
      const award = describeAward(a.award, l, a.items) + (a.cap_each !== undefined ? fill(d.capEach!, { cap: a.cap_each }) : '');
      return fill(a.when ? d.eachWhen! : d.each!, { items: l.fact(a.items), when: a.when ? describeCondition(a.when, l, a.items) : '', award });
    }
  }
}

/** Whether a clause names a beneficiary kind that can be a natural person or an individual business. */
function paysPerson(c: Clause, l: Labels): boolean {
  const persons = new Set((l.set.facts.get('entity_kinds')?.values ?? []).filter((v) => v.person).map((v) => v.id));
  return [c.beneficiary ?? []].flat().some((k) => persons.has(k));
}

export function describeClause(c: Clause, l: Labels): string[] {
  const d = catalogue(l.lang).describe;
  const m = catalogue(l.lang);
  const lines: string[] = [];
  const persons = catalogue(l.lang).words.persons!;
  if (c.beneficiary)
    lines.push(fill(d.beneficiary!, { kind: l.kinds(c.beneficiary) }) + (paysPerson(c, l) ? (l.lang === 'zh' ? `（${persons}）` : ` (${persons})`) : ''));
  if (c.when) lines.push(fill(d.when!, { when: describeCondition(c.when, l) }));
  if (c.award) lines.push(fill(d.award!, { award: describeAward(c.award, l) }));
  for (const k of c.caps ?? []) lines.push(fill(d.cap!, { per: m.capPer[k.per] ?? k.per, amount: k.amount, note: k.note ? ` — ${l.note(k.note)}` : '' }));
  const policy = l.set.policies.find((lp) => lp.policy.clauses.includes(c))?.policy;
  for (const sc of policy?.shared_caps ?? [])
    if (sc.clauses.includes(c.id)) {
      const others = l.list(sc.clauses.filter((id) => id !== c.id).map((id) => l.clauseShort(id)));
      lines.push(fill(d.sharedCap!, { clauses: others, per: m.capPer[sc.per] ?? sc.per, amount: sc.amount }));
    }
  if (c.frequency) lines.push(fill(d.frequency!, { f: d[c.frequency] ?? c.frequency }));
  if (c.max_years) lines.push(fill(d.maxYears!, { n: c.max_years }));
  if (c.instalments) lines.push(fill(d.instalments!, { n: c.instalments.count }));
  if (c.stacking_group) lines.push(d.stacking!);
  if (c.reference) lines.push(fill(d.reference!, { ref: c.reference }));
  if (c.pool) lines.push(fill(d.pool!, { amount: c.pool.amount, note: l.note(c.pool.note) }));
  return lines;
}
