import { z } from 'zod';

/**
 * The shape of `calc --format json` (schemaVersion 2), for consumers and for
 * the test that keeps the renderer honest. Amounts are strings in 元 with two decimals;
 * a clause's figure is in the field of its kind (sure, ceiling, potential, setAside), so
 * summing one field never mixes a sure amount with a ceiling or a potential. Version 2 also
 * added `provenance` and `input` (what `subsidy verify` recomputes from).
 */
// At most 18 digits of 元: far above any award, and a "1e999999999" or a million digits is not an amount.
const Amount = z.string().regex(/^-?\d{1,18}\.\d{2}$/);
const Trace = z.object({ kind: z.string(), text: z.string() }).passthrough();
const PartialYear = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z.number().int(),
    yearDays: z.number().int(),
    rule: z.enum(['full', 'majority', 'none']),
    counted: z.boolean(),
  })
  .strict();
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Tool, rules, documents, inputs and time of the run (src/provenance/provenance.ts). */
export const ProvenanceSchema = z
  .object({
    tool: z.literal('subsidy'),
    version: z.string(),
    rules: z.object({ fingerprint: Sha256, regime: z.object({ file: z.string(), sha256: Sha256 }).strict().optional() }).strict(),
    documents: z.array(
      z.object({ id: z.string(), title: z.string(), docNumber: z.string().nullable(), status: z.enum(['draft', 'in_force', 'trial']) }).strict(),
    ),
    inputs: z.array(z.object({ role: z.enum(['input', 'history', 'case']), file: z.string(), sha256: Sha256 }).strict()),
    time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    timeSource: z.enum(['clock', 'SOURCE_DATE_EPOCH']),
    overrides: z
      .object({ region: z.string().optional(), year: z.number().int().optional(), set: z.array(z.string()).optional() })
      .strict()
      .optional(),
    readings: z.array(z.object({ id: z.string(), option: z.string(), default: z.boolean() }).strict()),
  })
  .strict();

/** The enterprise as evaluated, overrides applied, values as the user gave them: itself a valid calc input. */
export const EmbeddedInputSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    region: z.string(),
    year: z.number().int(),
    facts: z.record(z.string(), z.unknown()),
    history: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  })
  .strict();

const ClauseResult = z
  .object({
    id: z.string(),
    number: z.string(),
    part: z.string().optional(),
    title: z.string(),
    ruleStatus: z.enum(['computable', 'ceiling', 'non_monetary', 'by_reference', 'defective', 'provision', 'todo']),
    status: z.enum(['eligible', 'ceiling', 'not_eligible', 'needs_data', 'excluded', 'superseded', 'info']),
    sure: Amount.optional(),
    ceiling: Amount.optional(),
    potential: Amount.optional(),
    setAside: Amount.optional(),
    missing: z.array(z.string()),
    missingHistory: z.array(z.enum(['paid_total', 'years_paid', 'times_paid', 'highest_tier', 'level'])).optional(),
    reason: z.object({ code: z.string(), detail: z.string().optional() }).strict().optional(),
    supersededBy: z.string().optional(),
    split: z
      .object({
        parts: z.array(z.object({ level: z.enum(['province', 'city', 'local']), share: z.string(), amount: Amount }).strict()),
        source: z.object({ kind: z.enum(['text', 'regime_file', 'unspecified']) }).passthrough(),
      })
      .strict()
      .optional(),
    instalments: z.array(Amount).optional(),
    notes: z.array(z.string()),
    quote: z.union([z.string(), z.array(z.string())]).optional(),
    trace: z.array(Trace),
  })
  .strict();

export const EvaluationResultSchema = z
  .object({
    schemaVersion: z.literal(2),
    provenance: ProvenanceSchema,
    enterprise: z
      .object({ id: z.string().optional(), name: z.string().optional(), region: z.string(), regionName: z.string(), year: z.number().int() })
      .strict(),
    totals: z.object({ sure: Amount, ceilings: Amount, pendingPotential: Amount, needsData: z.number().int(), byLevel: z.record(z.string(), Amount) }).strict(),
    partialYears: z.array(PartialYear.extend({ policy: z.string() })),
    policies: z.array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          docNumber: z.string().nullable(),
          draft: z.boolean(),
          applicability: z.enum(['applies', 'not_in_force', 'not_covered']),
          note: z.string().optional(),
          partialYear: PartialYear.optional(),
          exclusion: z.object({ id: z.string(), clause: z.string(), quote: z.string() }).strict().optional(),
          trace: z.array(Trace),
          clauses: z.array(ClauseResult),
        })
        .strict(),
    ),
    input: EmbeddedInputSchema,
    /** The readings near this enterprise: the option taken, and whether another option changes a result (and which). */
    readings: z.array(z.object({ id: z.string(), option: z.string(), default: z.boolean(), decided: z.boolean(), touches: z.array(z.string()) }).strict()),
    // Only with --range, --hints, --missing and --compare.
    range: z.record(z.string(), z.unknown()).optional(),
    hints: z.array(z.record(z.string(), z.unknown())).optional(),
    missingData: z.array(z.record(z.string(), z.unknown())).optional(),
    compare: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const ResultFileSchema = z.union([
  EvaluationResultSchema,
  z
    .object({
      schemaVersion: z.literal(2),
      results: z.array(
        EvaluationResultSchema.omit({ schemaVersion: true })
          .partial({ provenance: true, input: true })
          .extend({ schemaVersion: z.literal(2) }),
      ),
    })
    .strict(),
]);
