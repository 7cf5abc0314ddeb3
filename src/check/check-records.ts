import type { Finding } from '../errors/codes.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { coerceFactValue } from '../input/coerce-value.js';
import { fieldFact } from '../model/record-value.js';
import type { LoadedPolicy, RuleSet } from '../model/rule-set.js';
import { duplicateFindings } from './duplicates.js';
import type { Award, Clause } from '../schema/policy-schema.js';
import { factsOfAward, factsOfCondition, fieldsOf, type Path } from '../rules/walk.js';

const PAYS = new Set(['computable', 'ceiling']);

/**
 * Record lists and shared caps, the parts of a policy the other reference checks do not
 * see: every `{ field: … }` is inside an each award and names a field of its items (its
 * threshold read as a value of the field), a record_list fact is only ever the items of
 * an each, an item's award neither nests another each nor reads history; every clause a
 * shared cap lists is a paying clause of the document, under one shared cap at most.
 */
export function checkRecords(set: RuleSet, lp: LoadedPolicy): Finding[] {
  const out: Finding[] = [];
  const at = (path: Path) => lp.source.locate(path);
  lp.policy.clauses.forEach((c, i) => {
    const base: Path = ['clauses', i];
    fields(set, c, base, at, out);
    misused(set, c, base, at, out);
    if (c.award) eachShapes(c.award, [...base, 'award'], false, at, out);
  });
  lp.policy.exclusions.forEach((ex, i) => {
    for (const f of fieldsOf(ex.when, ['exclusions', i, 'when']))
      out.push({ code: 'RULE_FIELD_OUTSIDE', args: { field: f.field }, ...at([...f.path, 'field']) });
  });
  sharedCaps(lp, at, out);
  return out;
}

type At = (path: Path) => ReturnType<LoadedPolicy['source']['locate']>;

function fields(set: RuleSet, c: Clause, base: Path, at: At, out: Finding[]): void {
  for (const f of fieldsOf({ when: c.when, award: c.award }, base)) {
    const where = [...f.path, 'field'];
    if (!f.list) {
      out.push({ code: 'RULE_FIELD_OUTSIDE', args: { field: f.field }, ...at(where) });
      continue;
    }
    const list = set.facts.get(f.list);
    if (list?.type !== 'record_list') continue; // the items are reported themselves
    const def = list.fields!.find((x) => x.id === f.field);
    if (!def) {
      const s = didYouMean(
        f.field,
        list.fields!.map((x) => x.id),
      );
      out.push({
        code: 'RULE_UNKNOWN_FIELD',
        args: { fact: list.id, field: f.field },
        ...at(where),
        ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}),
      });
      continue;
    }
    // A comparison: its threshold must read as a value of the field (type, range, choices, currency).
    if (!('op' in f.node)) continue;
    const asFact = f.node.op === 'has' ? { ...fieldFact(list, def), type: 'enum' as const } : fieldFact(list, def);
    for (const v of [f.node.value].flat()) {
      const r = coerceFactValue(asFact, v);
      if (!r.ok) out.push({ code: r.code === 'WRONG_CURRENCY' ? 'RULE_CURRENCY' : 'RULE_INVALID', args: { detail: r.detail }, ...at([...f.path, 'value']) });
    }
  }
}

/** A record list read as one figure or choice (anywhere but an each's items) has no meaning: refused. */
function misused(set: RuleSet, c: Clause, base: Path, at: At, out: Finding[]): void {
  const refs = [...(c.when ? factsOfCondition(c.when, [...base, 'when']) : []), ...(c.award ? factsOfAward(c.award, [...base, 'award']) : [])];
  for (const [fact, path] of refs) {
    if (set.facts.get(fact)?.type !== 'record_list') continue;
    // The items of an each are records; those of a per_item are refused as not a money list (check-amounts).
    if (path[path.length - 1] === 'items') continue;
    out.push({ code: 'RULE_RECORDS_MISUSED', args: { fact }, ...at(path) });
  }
}

/** An item's award is one item's: no each inside it, and nothing that reads what was received before (kept per clause, not per item). */
function eachShapes(a: Award, path: Path, inside: boolean, at: At, out: Finding[]): void {
  const bad = (detail: string, p: Path) => out.push({ code: 'RULE_INVALID', args: { detail }, ...at(p) });
  if (inside && a.kind === 'each') bad('an each award cannot sit inside another each award', [...path, 'kind']);
  if (inside && ((a.kind === 'tiers' && a.mode === 'first_reached') || (a.kind === 'levels' && a.mode !== 'highest')))
    bad(`inside an each award an award cannot read the history (mode: ${a.mode}); history is kept per clause, not per item`, [...path, 'mode']);
  if (a.kind === 'each') eachShapes(a.award, [...path, 'award'], true, at, out);
  if (a.kind === 'sum' || a.kind === 'max') a.parts.forEach((p, i) => eachShapes(p, [...path, 'parts', i], inside, at, out));
  if (a.kind === 'cases') {
    a.cases.forEach((x, i) => eachShapes(x.award, [...path, 'cases', i, 'award'], inside, at, out));
    if (a.otherwise) eachShapes(a.otherwise, [...path, 'otherwise'], inside, at, out);
  }
}

function sharedCaps(lp: LoadedPolicy, at: At, out: Finding[]): void {
  const caps = lp.policy.shared_caps ?? [];
  const clauses = new Map(lp.policy.clauses.map((c) => [c.id, c]));
  out.push(
    ...duplicateFindings(caps.map((sc, i) => [sc.id, at(['shared_caps', i, 'id'])])).map((f) => ({
      ...f,
      code: 'RULE_DUPLICATE_ID' as const,
      args: { id: String(f.args.item) },
    })),
  );
  const owner = new Map<string, string>();
  caps.forEach((sc, i) =>
    sc.clauses.forEach((id, j) => {
      const p: Path = ['shared_caps', i, 'clauses', j];
      const c = clauses.get(id);
      if (!c) {
        const s = didYouMean(id, clauses.keys());
        return void out.push({
          code: 'RULE_UNKNOWN_CLAUSE',
          args: { cap: sc.id, clause: id },
          ...at(p),
          ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}),
        });
      }
      const prior = owner.get(id);
      if (prior !== undefined) return void out.push({ code: 'RULE_SHARED_CAP_TWICE', args: { clause: id, other: prior }, ...at(p) });
      owner.set(id, sc.id);
      if (!PAYS.has(c.status))
        out.push({ code: 'RULE_INVALID', args: { detail: `${id} is ${c.status}: it pays nothing, so it cannot share a cap` }, ...at(p) });
    }),
  );
}
