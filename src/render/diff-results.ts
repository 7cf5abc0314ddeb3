import { Decimal } from '../money/decimal.js';

/** A clause as a result file holds it: schemaVersion 2 names the figure by its kind, 1 had one `amount`. */
interface ClauseJson {
  id: string;
  status: string;
  amount?: string;
  sure?: string;
  ceiling?: string;
  potential?: string;
  setAside?: string;
}
interface EvalJson {
  enterprise: { id?: string; name?: string; region: string; year: number };
  totals: { sure: string; ceilings: string };
  policies: { id: string; applicability: string; clauses: ClauseJson[] }[];
}
export type ResultFile = EvalJson | { schemaVersion: number; results: EvalJson[] };

/** Which figure an amount is: a result file keeps the kinds apart, and so does a diff. */
export type AmountKind = 'sure' | 'ceiling' | 'potential' | 'setAside';

export interface Change {
  enterprise: string;
  /** A clause id, a document id (not in force, not covered), or `(total sure)` / `(total ceilings)`. */
  clause: string;
  before: { status?: string; amount?: string; kind?: AmountKind };
  after: { status?: string; amount?: string; kind?: AmountKind };
  /** The change in the sure amount (for `(total ceilings)`, in the ceiling): never a difference between two kinds of figure. */
  delta?: string;
}

type Figure = { status: string; amount?: string; kind?: AmountKind };

const key = (e: EvalJson) => e.enterprise.id ?? e.enterprise.name ?? `${e.enterprise.region}/${e.enterprise.year}`;

function figure(c: ClauseJson): Figure {
  for (const kind of ['sure', 'ceiling', 'potential', 'setAside'] as const) if (c[kind] !== undefined) return { status: c.status, amount: c[kind], kind };
  // schemaVersion 1: one amount, sure when the clause paid.
  return { status: c.status, amount: c.amount, kind: c.amount !== undefined && c.status === 'eligible' ? 'sure' : undefined };
}

function clauses(e: EvalJson): Map<string, Figure> {
  const m = new Map<string, Figure>();
  for (const p of e.policies) {
    if (p.applicability !== 'applies') m.set(p.id, { status: p.applicability });
    for (const c of p.clauses) m.set(c.id, figure(c));
  }
  m.set('(total sure)', { status: 'total', amount: e.totals.sure, kind: 'sure' });
  m.set('(total ceilings)', { status: 'total', amount: e.totals.ceilings, kind: 'ceiling' });
  return m;
}

/** The amount of one kind a figure holds (0 when it holds another kind or none). */
function of(f: Figure | undefined, kind: AmountKind): Decimal {
  return f?.kind === kind && f.amount !== undefined ? new Decimal(f.amount) : new Decimal(0);
}

/** Which awards changed between two result files, enterprise by enterprise, clause by clause. */
export function diffResults(a: ResultFile, b: ResultFile): Change[] {
  const list = (r: ResultFile) => ('results' in r ? r.results : [r]);
  const before = new Map(list(a).map((e) => [key(e), e]));
  const after = new Map(list(b).map((e) => [key(e), e]));
  const out: Change[] = [];
  for (const ent of [...new Set([...before.keys(), ...after.keys()])]) {
    const x = before.get(ent) ? clauses(before.get(ent)!) : new Map<string, Figure>();
    const y = after.get(ent) ? clauses(after.get(ent)!) : new Map<string, Figure>();
    for (const id of [...new Set([...x.keys(), ...y.keys()])]) {
      const p = x.get(id);
      const q = y.get(id);
      if (p?.status === q?.status && p?.amount === q?.amount && p?.kind === q?.kind) continue;
      const kind = id === '(total ceilings)' ? 'ceiling' : 'sure';
      const delta = of(q, kind).minus(of(p, kind));
      out.push({
        enterprise: ent,
        clause: id,
        before: { ...p },
        after: { ...q },
        delta: delta.isZero() ? undefined : `${delta.isPositive() ? '+' : ''}${delta.toFixed(2)}`,
      });
    }
  }
  return out;
}
