// Award-by-award comparison of a peer engine with subsidy. subsidy's answer per award is a
// sure amount (eligible or ceiling; 0 when not eligible or excluded) or "needs data". A peer
// always answers with a number, so:
//   - where subsidy needs data, the peer's figure is a guess from treating unknown as 0 / not
//     eligible: counted apart ("needs data"), and how often that guess pays money;
//   - elsewhere, equal to the fen, or a rounding difference (at most ROUNDING_FEN fen apart:
//     float products such as 0.5 × 1234.57 land a hair under the half fen that subsidy rounds
//     up), or a logic difference (anything else: another tier, another cap, paid against not paid).
import { CLAUSES } from './lanxi-clauses.js';
import { NEEDS_DATA } from './subsidy-side.js';

export const ROUNDING_FEN = 3;
const EXAMPLES_PER_CLAUSE = 2;

export function crossCheck(n, subsidy, peer) {
  const k = CLAUSES.length;
  const c = {
    agree: 0,
    roundingOnly: 0,
    logic: 0,
    needsData: 0,
    needsDataPaid: 0,
    awardsSure: 0,
    awardsEqual: 0,
    awardsRounding: 0,
    awardsLogic: 0,
    awardsNeedsData: 0,
    awardsNeedsDataPaid: 0,
  };
  const logicByClause = new Map();
  const roundingByClause = new Map();
  for (let i = 0; i < n; i++) {
    let logic = false;
    let rounding = false;
    let needs = false;
    let needsPaid = false;
    for (let j = 0; j < k; j++) {
      const o = i * k + j;
      const s = subsidy.fen[o];
      const p = peer[o];
      if (subsidy.status[o] === NEEDS_DATA) {
        c.awardsNeedsData++;
        needs = true;
        if (p > 0) {
          c.awardsNeedsDataPaid++;
          needsPaid = true;
        }
        continue;
      }
      c.awardsSure++;
      const d = Math.abs(p - s);
      if (d === 0) c.awardsEqual++;
      else if (d <= ROUNDING_FEN) {
        c.awardsRounding++;
        rounding = true;
        roundingByClause.set(CLAUSES[j], (roundingByClause.get(CLAUSES[j]) ?? 0) + 1);
      } else {
        c.awardsLogic++;
        logic = true;
        const l = logicByClause.get(CLAUSES[j]) ?? { count: 0, examples: [] };
        l.count++;
        if (l.examples.length < EXAMPLES_PER_CLAUSE) l.examples.push({ i, subsidy: s, peer: p });
        logicByClause.set(CLAUSES[j], l);
      }
    }
    if (logic) c.logic++;
    else if (rounding) c.roundingOnly++;
    else c.agree++;
    if (needs) c.needsData++;
    if (needsPaid) c.needsDataPaid++;
  }
  return { ...c, logicByClause, roundingByClause };
}
