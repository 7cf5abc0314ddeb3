// subsidy's side of the peer benchmark: the shipped rules from the build (dist/), restricted to
// 兰政办发〔2022〕3号 (or, with allPolicies, every shipped policy, of which only lanxi-2022's
// results are read), enterprises built by subsidy's own validator, evaluate() without traces.
import { evaluate } from '../../dist/engine/evaluate.js';
import { factIndex, toEnterprise } from '../../dist/input/to-enterprise.js';
import { loadRules } from '../../dist/load/load-rules.js';
import { CLAUSES } from './lanxi-clauses.js';

export const POLICY = 'lanxi-2022';
/** Status codes kept per award: what the cross-check needs to know of subsidy's answer. */
export const SURE = 0;
export const NEEDS_DATA = 1;
export const EXCLUDED = 2;

export async function subsidySide({ allPolicies = false } = {}) {
  const shipped = await loadRules();
  const set = allPolicies ? shipped : { ...shipped, policies: shipped.policies.filter((p) => p.policy.id === POLICY) };
  const at = set.policies.findIndex((p) => p.policy.id === POLICY);
  const policy = set.policies[at].policy;
  const slot = policy.clauses.map((c) => CLAUSES.indexOf(c.id.slice(POLICY.length + 1)));
  const index = factIndex(set);

  /** A generated enterprise through the validator a user's file goes through; a generator bug throws here. */
  function enterprise(facts, i) {
    const { enterprise: e, findings } = toEnterprise(set, { id: `E${i}`, region: '330781', year: 2023, facts }, () => ({}), {}, index);
    if (!e) throw new Error(`generated enterprise ${i} rejected: ${JSON.stringify(findings.slice(0, 3))}`);
    return e;
  }

  const run = (ent) => evaluate(set, ent, { trace: false });

  /** An evaluation's lanxi awards into fen (NaN for needs data) and status codes, at row i. */
  function extract(ev, i, fen, status) {
    const pr = ev.policies[at];
    if (pr.applicability !== 'applies') throw new Error(`lanxi-2022 does not apply to enterprise ${i}: ${pr.applicability}`);
    pr.clauses.forEach((r, k) => {
      const j = slot[k];
      if (j < 0) return;
      const o = i * CLAUSES.length + j;
      if (r.status === 'needs_data') {
        fen[o] = NaN;
        status[o] = NEEDS_DATA;
      } else {
        fen[o] = (r.status === 'eligible' || r.status === 'ceiling') && r.amount ? Number(r.amount.times(100).toFixed(0)) : 0;
        status[o] = r.status === 'excluded' ? EXCLUDED : SURE;
      }
    });
  }

  return { set, policy, enterprise, run, extract };
}
