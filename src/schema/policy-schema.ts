import { z } from 'zod';
import { LEVELS } from './region-schema.js';
import { AmountText } from './amount-literal.js';

/** An amount as a person writes it in a rule: 50000, "5万", "50万美元", "20%". */
const Raw = z.union([z.number(), AmountText.min(1)]);
const Id = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/);
const FactRef = z.string().regex(/^[a-z][a-z0-9_]*$/);
/** A field of the item at hand, inside an `each` award (lint refuses it anywhere else). */
const FieldRef = z.string().regex(/^[a-z][a-z0-9_]*$/);

export type NumExpr =
  | number
  | string
  | { fact: string }
  | { field: string }
  | { add: NumExpr[] }
  | { sub: [NumExpr, NumExpr] }
  | { mul: NumExpr[] }
  | { div: [NumExpr, NumExpr] }
  | { min: NumExpr[] }
  | { max: NumExpr[] };

export const NumExprSchema: z.ZodType<NumExpr> = z.lazy(() =>
  z.union([
    Raw,
    z.object({ fact: FactRef }).strict(),
    z.object({ field: FieldRef }).strict(),
    z.object({ add: z.array(NumExprSchema).min(2) }).strict(),
    z.object({ sub: z.tuple([NumExprSchema, NumExprSchema]) }).strict(),
    z.object({ mul: z.array(NumExprSchema).min(2) }).strict(),
    z.object({ div: z.tuple([NumExprSchema, NumExprSchema]) }).strict(),
    z.object({ min: z.array(NumExprSchema).min(2) }).strict(),
    z.object({ max: z.array(NumExprSchema).min(2) }).strict(),
  ]),
);

/** Numbering styles as printed: paren_cn （一）, arabic_dot 1., cn_comma 一、, paren_arabic （1）, article 第一条. */
export const NUMBERING_STYLES = ['paren_cn', 'arabic_dot', 'cn_comma', 'paren_arabic', 'article'] as const;
export type NumberingStyle = (typeof NUMBERING_STYLES)[number];

/** Policy fields a scaffold guesses (see `review`). */
export const REVIEW_FIELDS = ['title', 'issuer', 'doc_number', 'level', 'status', 'validity', 'applies_to', 'fiscal'] as const;

/**
 * A rate above 100% is almost always a slip ("3020%", 1.5 for 150%); a text that really
 * pays more than the base says so here, in words, and lint lets the rate through.
 */
const Over100 = z.string().min(2).optional();

export const OPS = ['>=', '>', '<=', '<', '==', '!=', 'in', 'has'] as const;
export type Op = (typeof OPS)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; op: Op; value: number | string | boolean | (string | number)[] }
  /** A comparison on a field of the item at hand (inside an `each` award). */
  | { field: string; op: Op; value: number | string | boolean | (string | number)[] }
  | { expr: NumExpr; op: Op; value: number | string };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z
      .object({
        fact: FactRef,
        op: z.enum(OPS),
        value: z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
      })
      .strict(),
    z
      .object({
        field: FieldRef,
        op: z.enum(OPS),
        value: z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
      })
      .strict(),
    // A comparison on a computed figure, e.g. sales per m² of leased floor (Lanxi 3).
    z.object({ expr: NumExprSchema, op: z.enum(['>=', '>', '<=', '<']), value: Raw }).strict(),
  ]),
);

const Tier = z.object({ at: Raw, amount: Raw, label: z.string().optional() }).strict();

export type Award =
  | { kind: 'fixed'; amount: number | string }
  | { kind: 'rate'; rate: number | string; base: NumExpr; rate_over_100?: string }
  | {
      kind: 'tiers';
      base: NumExpr;
      mode: 'highest' | 'first_reached';
      strict?: boolean;
      pays?: 'highest_new' | 'sum_new';
      tiers: { at: number | string; amount: number | string; label?: string }[];
    }
  | { kind: 'levels'; fact: string; mode: 'highest' | 'upgrade' | 'first_reached'; amounts: Record<string, number | string> }
  | { kind: 'per_unit'; count: NumExpr; amount: number | string }
  | { kind: 'per_step'; base: NumExpr; step: number | string; amount: number | string }
  | { kind: 'rent'; parts: RentPart[] }
  | { kind: 'per_item'; items: string; rate: number | string; cap_each?: number | string; rate_over_100?: string }
  | { kind: 'sum'; parts: Award[] }
  | { kind: 'max'; parts: Award[] }
  | { kind: 'cases'; cases: { when: Condition; award: Award }[]; otherwise?: Award }
  /**
   * Per record of a record_list fact (each signed streamer, each event): the item's own
   * condition (`when`, on its fields), its award (any kind but `each`, reading `{ field: … }`),
   * at most `cap_each`; the items' awards are added up. Caps on the total are the clause's `caps`.
   */
  | { kind: 'each'; items: string; when?: Condition; award: Award; cap_each?: number | string };

export interface RentPart {
  label: string;
  rate?: number | string;
  rate_over_100?: string;
  rent?: NumExpr;
  area: NumExpr;
  months: NumExpr;
  ceiling_per_m2_month: number | string;
}

const RentPartSchema = z
  .object({
    label: z.string(),
    rate: Raw.optional(),
    rate_over_100: Over100,
    rent: NumExprSchema.optional(),
    area: NumExprSchema,
    months: NumExprSchema,
    ceiling_per_m2_month: Raw,
  })
  .strict()
  .refine((p) => (p.rate === undefined) === (p.rent === undefined), { message: 'rate and rent go together' });

export const AwardSchema: z.ZodType<Award> = z.lazy(
  () =>
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('fixed'), amount: Raw }).strict(),
      z.object({ kind: z.literal('rate'), rate: Raw, base: NumExprSchema, rate_over_100: Over100 }).strict(),
      z
        .object({
          kind: z.literal('tiers'),
          base: NumExprSchema,
          mode: z.enum(['highest', 'first_reached']),
          strict: z.boolean().optional(),
          /** first_reached only: pay the highest tier newly reached (default), or every tier newly reached, added up. */
          pays: z.enum(['highest_new', 'sum_new']).optional(),
          tiers: z.array(Tier).min(1),
        })
        .strict(),
      z
        .object({ kind: z.literal('levels'), fact: FactRef, mode: z.enum(['highest', 'upgrade', 'first_reached']), amounts: z.record(z.string(), Raw) })
        .strict(),
      z.object({ kind: z.literal('per_unit'), count: NumExprSchema, amount: Raw }).strict(),
      z.object({ kind: z.literal('per_step'), base: NumExprSchema, step: Raw, amount: Raw }).strict(),
      z.object({ kind: z.literal('rent'), parts: z.array(RentPartSchema).min(1) }).strict(),
      z.object({ kind: z.literal('per_item'), items: FactRef, rate: Raw, cap_each: Raw.optional(), rate_over_100: Over100 }).strict(),
      z.object({ kind: z.literal('sum'), parts: z.array(AwardSchema).min(2) }).strict(),
      z.object({ kind: z.literal('max'), parts: z.array(AwardSchema).min(2) }).strict(),
      z.object({ kind: z.literal('each'), items: FactRef, when: ConditionSchema.optional(), award: AwardSchema, cap_each: Raw.optional() }).strict(),
      z
        .object({
          kind: z.literal('cases'),
          cases: z.array(z.object({ when: ConditionSchema, award: AwardSchema }).strict()).min(1),
          otherwise: AwardSchema.optional(),
        })
        .strict(),
    ]) as z.ZodType<Award>,
);

/** `todo`: scaffolded by `subsidy rules new`, not encoded yet; loads as an information-only row, lint reports it as unfinished. */
export const CLAUSE_STATUSES = ['computable', 'ceiling', 'non_monetary', 'by_reference', 'defective', 'provision', 'todo'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];

export const CAP_PERS = ['item', 'event', 'year', 'cumulative', 'once'] as const;

export const POLICY_STATUSES = ['in_force', 'draft', 'trial'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** What a shared cap is counted over: history across a group is not kept, so never cumulative. */
export const SHARED_CAP_PERS = ['year', 'event', 'once'] as const;

const SharedCapSchema = z
  .object({
    id: Id,
    clauses: z.array(z.string().min(1)).min(2),
    amount: Raw,
    per: z.enum(SHARED_CAP_PERS),
    quote: z.string().min(4),
    note: z.string().optional(),
  })
  .strict();

export type SharedCap = z.infer<typeof SharedCapSchema>;

const ShareSchema = z.object({ level: z.enum(LEVELS), share: Raw }).strict();

const FiscalRule = z.object({ regions: z.array(z.string()).min(1), shares: z.array(ShareSchema).min(1), note: z.string().optional() }).strict();

const ClauseId = z.string().regex(/^[a-z0-9][a-z0-9_.-]*\/[a-z0-9][a-z0-9_.-]*$/, 'clause ids are <policy-id>/<item>');

export const ClauseSchema = z
  .object({
    id: ClauseId,
    number: z.string().min(1),
    /** The quoted text carries no number in the source (a preamble, a closing paragraph): `number` is a label, not a number. */
    unnumbered: z.boolean().optional(),
    /** Where the same number is printed twice in one text (e.g. 002's 保障措施 (一)–(三) and support measures (一)–(十七)). */
    section: z.string().optional(),
    part: z.string().optional(),
    title: z.string().min(1),
    quote: z.union([z.string().min(4), z.array(z.string().min(4)).min(1)]),
    status: z.enum(CLAUSE_STATUSES),
    /** A value of entity_kinds, or several: the clause pays any of them. */
    beneficiary: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    frequency: z.enum(['one_off', 'yearly', 'per_event', 'monthly']).optional(),
    when: ConditionSchema.optional(),
    award: AwardSchema.optional(),
    caps: z.array(z.object({ amount: Raw, per: z.enum(CAP_PERS), note: z.string().optional() }).strict()).optional(),
    max_years: z.number().int().positive().optional(),
    instalments: z
      .object({ count: z.number().int().min(2), note: z.string().optional() })
      .strict()
      .optional(),
    stacking_group: z.string().optional(),
    fiscal: z
      .object({ shares: z.array(ShareSchema).min(1), quote: z.string() })
      .strict()
      .optional(),
    reference: z.string().optional(),
    pool: z.object({ amount: Raw, note: z.string() }).strict().optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict()
  .refine((c) => !['computable', 'ceiling'].includes(c.status) || c.award !== undefined, {
    message: 'computable and ceiling clauses need an award',
    path: ['award'],
  })
  .refine((c) => c.status !== 'by_reference' || c.reference !== undefined, {
    message: 'by_reference clauses name the policy they refer to (reference:)',
    path: ['reference'],
  })
  // A half-encoded award must not be paid: a clause says it is computable or a ceiling when its award is done.
  .refine((c) => c.status !== 'todo' || c.award === undefined, {
    message: 'a todo clause carries no award yet: set its status (computable, ceiling, …) when you encode it',
    path: ['award'],
  });

export type Clause = z.infer<typeof ClauseSchema>;

export const PolicySchema = z
  .object({
    id: Id,
    title: z.string(),
    /** A short name for tables, for documents printed without a number. */
    short_title: z.string().optional(),
    issuer: z.string(),
    doc_number: z.string().nullable(),
    source: z.string().regex(/^[\w.-]+\.txt$/),
    /** How the source numbers its items, so coverage can find every one: （一）, 1., 一、, （1）, 第一条. */
    numbering: z.array(z.enum(NUMBERING_STYLES)).min(1),
    level: z.enum(['city', 'county']),
    /** trial: 试行, in force for a trial period; a document past `validity.to` is listed as expired whatever its status. */
    status: z.enum(POLICY_STATUSES),
    validity: z
      .object({
        from: z.string(),
        to: z.string().nullable(),
        quote: z.string().optional(),
        note: z.string().optional(),
        /**
         * How a data year only partly inside the validity is treated: full (counted as a whole year),
         * majority (counted when more than half of it is covered), none (not counted). Required when
         * the dates allow a partial year; the note says why.
         */
        partial_year: z
          .object({ rule: z.enum(['full', 'majority', 'none']), note: z.string().min(1) })
          .strict()
          .optional(),
      })
      .strict()
      .refine((v) => v.partial_year !== undefined || !partialYearPossible(v.from, v.to), {
        message: 'the validity can cover part of a year: say how such a year is treated (partial_year: { rule: full | majority | none, note })',
        path: ['partial_year'],
      }),
    applies_to: z.array(z.string()).min(1),
    coverage_note: z.string().optional(),
    exclusions: z.array(z.object({ id: Id, clause: z.string(), quote: z.string(), when: ConditionSchema }).strict()).default([]),
    stacking: z
      .object({
        principle: z.string(),
        clause: z.string().optional(),
        quote: z.string().optional(),
        across_policies: z.boolean().default(false),
        /**
         * per_item (default): 就高不重复 within each stacking group. one_per_year: an enterprise gets
         * one item of this document a year (the one that pays most), except the clauses in `exempt`.
         */
        scope: z.enum(['per_item', 'one_per_year']).optional(),
        exempt: z.array(z.string()).optional(),
        note: z.string().optional(),
      })
      .strict()
      .optional(),
    fiscal: z
      .object({
        clause: z.string().optional(),
        quote: z.string().optional(),
        rules: z.array(FiscalRule).default([]),
        otherwise: z.union([z.literal('current_regime'), z.object({ shares: z.array(ShareSchema).min(1) }).strict()]),
        note: z.string().optional(),
      })
      .strict(),
    /**
     * One cap over several clauses of this document (two paragraphs of one article under one
     * yearly cap): applied after each clause's own caps and after stacking, in the order
     * `clauses` lists them (each takes what is left); see src/engine/shared-caps.ts.
     */
    shared_caps: z.array(SharedCapSchema).optional(),
    /** How headings and unnumbered paragraphs of the source were handled (prose for reviewers; coverage does not read it). */
    unnumbered_note: z.string().optional(),
    /** Fields `subsidy rules new` guessed from the text and a person has still to check; lint reports each as unfinished. */
    review: z.array(z.enum(REVIEW_FIELDS)).optional(),
    clauses: z.array(ClauseSchema).min(1),
  })
  .strict();

export type Policy = z.infer<typeof PolicySchema>;

/** A start that is not 1 January, or an end that is not 31 December, leaves some year partly covered. */
function partialYearPossible(from: string, to: string | null): boolean {
  const startsMidYear = !/^\d{4}$/.test(from) && !from.endsWith('-01-01');
  const endsMidYear = to !== null && !/^\d{4}$/.test(to) && !to.endsWith('-12-31');
  return startsMidYear || endsMidYear;
}
