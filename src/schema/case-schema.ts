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

const Totals = z.object({ sure: Money.optional(), ceilings: Money.optional() }).strict();
const Policies = z.record(z.string(), z.enum(['applies', 'not_in_force', 'not_covered']));
/** Reading id → option (rules/readings.yaml). */
const Readings = z.record(z.string(), z.string());

/** The same enterprise read another way: the readings that differ, and what is expected then. */
const VariantSchema = z
  .object({
    name: z.string().optional(),
    readings: Readings,
    expected: z.record(z.string(), ExpectedClauseSchema).default({}),
    totals: Totals.optional(),
    policies: Policies.optional(),
  })
  .strict();

/** A worked example a policy person can write without TypeScript (after OpenFisca's YAML tests). */
export const CaseSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    keywords: z.array(z.string()).default([]),
    tolerance: Money.optional(),
    /** Readings the case is worked under (on top of any given on the command line). */
    readings: Readings.optional(),
    input: z.record(z.string(), z.unknown()),
    expected: z.record(z.string(), ExpectedClauseSchema),
    totals: Totals.optional(),
    policies: Policies.optional(),
    /** Expectations under other readings of the texts, each worked by hand like the main one. */
    variants: z.array(VariantSchema).optional(),
  })
  .strict();

export type Case = z.infer<typeof CaseSchema>;
export type ExpectedClause = z.infer<typeof ExpectedClauseSchema>;
export type CaseVariant = z.infer<typeof VariantSchema>;
