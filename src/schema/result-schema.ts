import { z } from 'zod';

/**
 * The shape of `calc --format json` (schemaVersion 1), for consumers and for
 * the test that keeps the renderer honest. Amounts are strings in 元 with two decimals.
 */
// At most 18 digits of 元: far above any award, and a "1e999999999" or a million digits is not an amount.
const Amount = z.string().regex(/^-?\d{1,18}\.\d{2}$/);
const Trace = z.object({ kind: z.string() }).passthrough();

const ClauseResult = z
  .object({
    id: z.string(),
    number: z.string(),
    part: z.string().optional(),
    title: z.string(),
    ruleStatus: z.enum(['computable', 'ceiling', 'non_monetary', 'by_reference', 'defective', 'provision']),
    status: z.enum(['eligible', 'ceiling', 'not_eligible', 'needs_data', 'excluded', 'superseded', 'info']),
    amount: Amount.optional(),
    potential: Amount.optional(),
    missing: z.array(z.string()),
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
    schemaVersion: z.literal(1),
    enterprise: z.object({ id: z.string().optional(), name: z.string().optional(), region: z.string(), regionName: z.string(), year: z.number().int() }).strict(),
    totals: z
      .object({ sure: Amount, ceilings: Amount, pendingPotential: Amount, needsData: z.number().int(), byLevel: z.record(z.string(), Amount) })
      .strict(),
    policies: z.array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          docNumber: z.string().nullable(),
          draft: z.boolean(),
          applicability: z.enum(['applies', 'not_in_force', 'not_covered']),
          note: z.string().optional(),
          trace: z.array(Trace),
          clauses: z.array(ClauseResult),
        })
        .strict(),
    ),
  })
  .strict();

export const ResultFileSchema = z.union([
  EvaluationResultSchema,
  z.object({ schemaVersion: z.literal(1), results: z.array(EvaluationResultSchema.omit({ schemaVersion: true }).extend({ schemaVersion: z.literal(1) })) }).strict(),
]);
