import { Decimal } from '../money/decimal.js';
import { parseAmount } from '../money/parse-amount.js';
import { evaluate } from '../engine/evaluate.js';
import type { ClauseResult, Evaluation } from '../engine/types.js';
import { toEnterprise } from '../input/to-enterprise.js';
import type { RuleSet } from '../model/rule-set.js';
import type { YamlSource } from '../load/read-yaml.js';
import { SubsidyError } from '../errors/subsidy-error.js';
import type { Case, ExpectedClause } from '../schema/case-schema.js';
import { withReadings } from '../readings/apply-readings.js';

export interface CaseFailure {
  clause: string;
  field: 'status' | 'amount' | 'share' | 'missing' | 'instalments' | 'total' | 'policy' | 'clause';
  expected: string;
  actual: string;
}

export interface CaseResult {
  file: string;
  name: string;
  keywords: string[];
  failures: CaseFailure[];
  evaluation: Evaluation;
}

function money(raw: string | number): Decimal {
  const p = typeof raw === 'number' ? { value: new Decimal(String(raw)) } : parseAmount(raw);
  if (!p) throw new Error(`unreadable amount ${raw}`);
  return p.value;
}

/** Runs one case (and its variants under other readings); a malformed input or an unknown reading is a SubsidyError pointing into the case file. */
export function runCase(set: RuleSet, c: Case, src: YamlSource, index: number | undefined): CaseResult {
  const prefix = index === undefined ? [] : ['cases', index];
  const { enterprise, findings } = toEnterprise(set, c.input, (p) => src.locate([...prefix, 'input', ...p]));
  if (!enterprise) throw new SubsidyError(findings);
  const tolerance = c.tolerance !== undefined ? money(c.tolerance) : new Decimal(0);
  const main = withCaseReadings(set, c.readings, src, [...prefix, 'readings']);
  const evaluation = evaluate(main, enterprise);
  const failures = check(evaluation, c, tolerance);
  (c.variants ?? []).forEach((v, i) => {
    const at = [...prefix, 'variants', i];
    const ev = evaluate(withCaseReadings(set, { ...c.readings, ...v.readings }, src, [...at, 'readings']), enterprise, { trace: false });
    const label =
      v.name ??
      Object.entries(v.readings)
        .map(([k, o]) => `${k}=${o}`)
        .join(', ');
    for (const f of check(ev, v, tolerance)) failures.push({ ...f, clause: `[${label}] ${f.clause}` });
  });
  return { file: src.file, name: c.name, keywords: c.keywords, failures, evaluation };
}

/** The rule set read as a case says; a reading or option the rules do not have is the case file's error. */
function withCaseReadings(set: RuleSet, readings: Record<string, string> | undefined, src: YamlSource, path: (string | number)[]): RuleSet {
  if (!readings) return set;
  for (const [id, option] of Object.entries(readings)) {
    const r = set.readings.find((x) => x.id === id);
    if (!r?.options.some((o) => o.id === option))
      throw SubsidyError.of(
        'CASE_INVALID',
        { detail: r ? `${id}: ${option} is not one of ${r.options.map((o) => o.id).join(', ')}` : `no reading ${id}` },
        src.locate([...path, id]),
      );
  }
  return withReadings(set, readings);
}

type Expectations = Pick<Case, 'expected' | 'totals' | 'policies'>;

function check(evaluation: Evaluation, c: Expectations, tolerance: Decimal): CaseFailure[] {
  const byId = new Map<string, ClauseResult>(evaluation.policies.flatMap((p) => p.clauses.map((r) => [r.clauseId, r] as const)));
  const failures: CaseFailure[] = [];
  for (const [clauseId, want] of Object.entries(c.expected)) {
    const got = byId.get(clauseId);
    if (!got)
      failures.push({ clause: clauseId, field: 'clause', expected: want.status, actual: 'not evaluated (unknown clause, or its policy does not apply)' });
    else failures.push(...compareClause(clauseId, want, got, tolerance));
  }
  const close = (a: Decimal, b: Decimal) => a.minus(b).abs().lessThanOrEqualTo(tolerance);
  if (c.totals?.sure !== undefined && !close(evaluation.totals.sure, money(c.totals.sure)))
    failures.push({
      clause: '(totals)',
      field: 'total',
      expected: `sure ${money(c.totals.sure).toFixed(2)}`,
      actual: `sure ${evaluation.totals.sure.toFixed(2)}`,
    });
  if (c.totals?.ceilings !== undefined && !close(evaluation.totals.ceilings, money(c.totals.ceilings)))
    failures.push({
      clause: '(totals)',
      field: 'total',
      expected: `ceilings ${money(c.totals.ceilings).toFixed(2)}`,
      actual: `ceilings ${evaluation.totals.ceilings.toFixed(2)}`,
    });
  for (const [policyId, want] of Object.entries(c.policies ?? {})) {
    const got = evaluation.policies.find((p) => p.policyId === policyId)?.applicability ?? 'absent';
    if (got !== want) failures.push({ clause: policyId, field: 'policy', expected: want, actual: got });
  }
  return failures;
}

function compareClause(id: string, want: ExpectedClause, got: ClauseResult, tolerance: Decimal): CaseFailure[] {
  const out: CaseFailure[] = [];
  if (want.status !== got.status) out.push({ clause: id, field: 'status', expected: want.status, actual: got.status });
  if (want.amount !== undefined) {
    const actual = got.amount ?? got.potential;
    const expected = money(want.amount);
    if (!actual || actual.minus(expected).abs().greaterThan(tolerance))
      out.push({ clause: id, field: 'amount', expected: expected.toFixed(2), actual: actual?.toFixed(2) ?? 'none' });
  }
  for (const [level, amount] of Object.entries(want.shares ?? {})) {
    const part = got.split?.parts.find((p) => p.level === level);
    const expected = money(amount as string | number);
    if (!part || part.amount.minus(expected).abs().greaterThan(tolerance))
      out.push({
        clause: id,
        field: 'share',
        expected: `${level} ${expected.toFixed(2)}`,
        actual: part ? `${level} ${part.amount.toFixed(2)}` : `${level} none`,
      });
  }
  if (want.instalments) {
    const expected = want.instalments.map((x) => money(x).toFixed(2)).join(' + ');
    const actual = got.instalments?.map((x) => x.toFixed(2)).join(' + ') ?? 'none';
    if (expected !== actual) out.push({ clause: id, field: 'instalments', expected, actual });
  }
  if (want.missing && want.missing.join(',') !== got.missing.join(','))
    out.push({ clause: id, field: 'missing', expected: want.missing.join(', '), actual: got.missing.join(', ') });
  return out;
}
