import { z } from 'zod';
import { choiceKey, namesOf } from './choice-key.js';

export { choiceKey, namesOf };

export const FACT_TYPES = [
  'money_cny', // 元
  'money_usd', // US dollars
  'money_list', // several amounts in 元, one per event or item
  'count',
  'number', // a plain decimal, e.g. an exchange rate
  'area_m2',
  'area_mu', // 亩, for land
  'months',
  'ratio', // 0..1, typed as "12%"
  'boolean',
  'enum',
  'enum_set', // several enum values at once
  'date',
  'record_list', // several records (a streamer and her sales; an event, its cost, whether recognised), each with the typed `fields`
] as const;
export type FactType = (typeof FACT_TYPES)[number];

const Text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

const EnumValue = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    zh: z.string(),
    en: z.string(),
    rank: z.number().int().optional(),
    /** Other ways people write this value (省级示范 for 省级); accepted as input wherever the value is. */
    aliases: z.array(z.string().min(1)).optional(),
    /** The value describes a natural person or an individual business (个体工商户): outputs then say 主体, not 企业 (see src/render/subject-word.ts). */
    person: z.boolean().optional(),
  })
  .strict();

/** Types a field of a record may take: one value each (a list inside a list is not something a consultant can type in a cell). */
export const FIELD_TYPES = ['money_cny', 'money_usd', 'count', 'number', 'area_m2', 'area_mu', 'months', 'ratio', 'boolean', 'enum', 'date'] as const;

/** One field of a record_list fact: a typed value with its labels, read like a fact of that type. */
const RecordField = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'field ids are snake_case ASCII')
      .refine((id) => id !== 'name', "name is the item's own name, not a field"),
    label: z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict(),
    type: z.enum(FIELD_TYPES),
    unit: z.string().optional(),
    range: z
      .object({ min: z.union([z.number(), z.string()]).optional(), max: z.union([z.number(), z.string()]).optional() })
      .strict()
      .optional(),
    values: z.array(EnumValue).optional(),
    aliases: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .refine((f) => f.type !== 'enum' || (f.values?.length ?? 0) > 0, { message: 'enum fields need values' })
  .superRefine(checkChoiceNames);

export type RecordField = z.infer<typeof RecordField>;

/** A name given to two values of one fact would make input depend on which is found first. */
function checkChoiceNames(f: { values?: { id: string; zh: string; en: string; aliases?: string[] }[] }, ctx: z.RefinementCtx): void {
  const owner = new Map<string, string>();
  (f.values ?? []).forEach((v, i) => {
    for (const name of new Set(namesOf(v).map(choiceKey))) {
      const prior = owner.get(name);
      if (prior !== undefined && prior !== v.id) ctx.addIssue({ code: 'custom', message: `"${name}" names both ${prior} and ${v.id}`, path: ['values', i] });
      owner.set(name, v.id);
    }
  });
}

export const FactSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'fact ids are snake_case ASCII'),
    label: Text,
    type: z.enum(FACT_TYPES),
    unit: z.string().optional(),
    topic: z.enum(['identity', 'eligibility', 'sales', 'cross_border', 'premises', 'investment', 'costs', 'honours', 'operations', 'logistics', 'people']),
    question: Text,
    help: Text.optional(),
    range: z
      .object({ min: z.union([z.number(), z.string()]).optional(), max: z.union([z.number(), z.string()]).optional() })
      .strict()
      .optional(),
    aliases: z.array(z.string()).default([]),
    values: z.array(EnumValue).optional(),
    /** A USD fact may be derived from a CNY fact and the fact usd_cny_rate; the trace says so. */
    derive_from_cny: z.string().optional(),
    /** record_list only: what each record holds besides its name, in the order a CSV cell lists the values. */
    fields: z.array(RecordField).min(1).optional(),
    /**
     * Who knows the value: the applicant (default) or an authority (a share of 地方综合贡献 known to the
     * finance bureau). The template and the interview say so, and a clause missing it names `supplier`.
     */
    supplied_by: z.enum(['applicant', 'authority']).optional(),
    supplier: Text.optional(),
  })
  .strict()
  .refine((f) => !['enum', 'enum_set'].includes(f.type) || (f.values?.length ?? 0) > 0, {
    message: 'enum facts need values',
  })
  .refine((f) => (f.type === 'record_list') === (f.fields !== undefined), {
    message: 'a record_list fact lists its fields, and only a record_list has fields',
    path: ['fields'],
  })
  .refine((f) => (f.supplied_by === 'authority') === (f.supplier !== undefined), {
    message: 'a fact supplied by an authority names who supplies it (supplier: { zh, en }), and only such a fact does',
    path: ['supplier'],
  })
  .superRefine(checkChoiceNames)
  .superRefine(checkFieldNames);

/** Two fields of one record named alike would make a keyed cell ("销售额=120万") depend on which is found first. */
function checkFieldNames(f: { fields?: { id: string; label: { zh: string; en: string }; aliases: string[] }[] }, ctx: z.RefinementCtx): void {
  const owner = new Map<string, string>();
  (f.fields ?? []).forEach((x, i) => {
    for (const name of new Set([x.id, x.label.zh, x.label.en, ...x.aliases].map(choiceKey))) {
      const prior = owner.get(name);
      if (prior !== undefined && prior !== x.id)
        ctx.addIssue({ code: 'custom', message: `"${name}" names both fields ${prior} and ${x.id}`, path: ['fields', i] });
      owner.set(name, x.id);
    }
  });
}

export type Fact = z.infer<typeof FactSchema>;

export const FactFileSchema = z.object({ facts: z.array(FactSchema) }).strict();
