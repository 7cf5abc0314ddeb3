import { z } from 'zod';
import { AmountText } from './amount-literal.js';

const Money = z.union([z.number(), AmountText]);
const STATUSES = ['eligible', 'ceiling', 'not_eligible', 'needs_data', 'excluded', 'superseded', 'info'] as const;

export const ExpectedClauseSchema = z
  .object({
    status: z.enum(STATUSES),
    amount: Money.optional(),
    shares: z.partialRecord(z.enum(['province', 'city', 'local']), Money).optional(),
    missing: z.array(z.string()).optional(),
    instalments: z.array(Money).optional(),
  })
  .strict();

/** A worked example a policy person can write without TypeScript (after OpenFisca's YAML tests). */
export const CaseSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    keywords: z.array(z.string()).default([]),
    tolerance: Money.optional(),
    input: z.record(z.string(), z.unknown()),
    expected: z.record(z.string(), ExpectedClauseSchema),
    totals: z.object({ sure: Money.optional(), ceilings: Money.optional() }).strict().optional(),
    policies: z.record(z.string(), z.enum(['applies', 'not_in_force', 'not_covered'])).optional(),
  })
  .strict();

export type Case = z.infer<typeof CaseSchema>;
export type ExpectedClause = z.infer<typeof ExpectedClauseSchema>;
