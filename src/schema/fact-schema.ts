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
  })
  .strict();

/** A name given to two values of one fact would make input depend on which is found first. */
function checkChoiceNames(f: { values?: { id: string; zh: string; en: string; aliases?: string[] }[] }, ctx: z.RefinementCtx): void {
  const owner = new Map<string, string>();
  (f.values ?? []).forEach((v, i) => {
    for (const name of new Set(namesOf(v).map(choiceKey))) {
      const prior = owner.get(name);
      if (prior !== undefined && prior !== v.id)
        ctx.addIssue({ code: 'custom', message: `"${name}" names both ${prior} and ${v.id}`, path: ['values', i] });
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
    range: z.object({ min: z.union([z.number(), z.string()]).optional(), max: z.union([z.number(), z.string()]).optional() }).strict().optional(),
    aliases: z.array(z.string()).default([]),
    values: z.array(EnumValue).optional(),
    /** A USD fact may be derived from a CNY fact and the fact usd_cny_rate; the trace says so. */
    derive_from_cny: z.string().optional(),
  })
  .strict()
  .refine((f) => !['enum', 'enum_set'].includes(f.type) || (f.values?.length ?? 0) > 0, {
    message: 'enum facts need values',
  })
  .superRefine(checkChoiceNames);

export type Fact = z.infer<typeof FactSchema>;

export const FactFileSchema = z.object({ facts: z.array(FactSchema) }).strict();
