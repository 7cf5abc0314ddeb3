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

export interface Change {
  enterprise: string;
  clause: string;
  before: { status?: string; amount?: string };
  after: { status?: string; amount?: string };
  delta?: string;
}

const key = (e: EvalJson) => e.enterprise.id ?? e.enterprise.name ?? `${e.enterprise.region}/${e.enterprise.year}`;

function clauses(e: EvalJson): Map<string, { status: string; amount?: string }> {
  const m = new Map<string, { status: string; amount?: string }>();
  for (const p of e.policies) {
    if (p.applicability !== 'applies') m.set(p.id, { status: p.applicability });
    for (const c of p.clauses) m.set(c.id, { status: c.status, amount: c.amount ?? c.sure ?? c.ceiling ?? c.potential ?? c.setAside });
  }
  m.set('(total sure)', { status: 'total', amount: e.totals.sure });
  m.set('(total ceilings)', { status: 'total', amount: e.totals.ceilings });
  return m;
}

/** Which awards changed between two result files, enterprise by enterprise, clause by clause. */
export function diffResults(a: ResultFile, b: ResultFile): Change[] {
  const list = (r: ResultFile) => ('results' in r ? r.results : [r]);
  const before = new Map(list(a).map((e) => [key(e), e]));
  const after = new Map(list(b).map((e) => [key(e), e]));
  const out: Change[] = [];
  for (const ent of [...new Set([...before.keys(), ...after.keys()])]) {
    const x = before.get(ent) ? clauses(before.get(ent)!) : new Map();
    const y = after.get(ent) ? clauses(after.get(ent)!) : new Map();
    for (const id of [...new Set([...x.keys(), ...y.keys()])]) {
      const p = x.get(id);
      const q = y.get(id);
      if (p?.status === q?.status && p?.amount === q?.amount) continue;
      const delta = p?.amount || q?.amount ? new Decimal(q?.amount ?? 0).minus(p?.amount ?? 0) : undefined;
      out.push({
        enterprise: ent,
        clause: id,
        before: { ...p },
        after: { ...q },
        delta: delta && !delta.isZero() ? `${delta.isPositive() ? '+' : ''}${delta.toFixed(2)}` : undefined,
      });
    }
  }
  return out;
}
