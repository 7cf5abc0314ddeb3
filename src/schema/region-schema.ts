import { z } from 'zod';
import { AmountText } from './amount-literal.js';

export const LEVELS = ['province', 'city', 'local'] as const;
export type Level = (typeof LEVELS)[number];

export const RegionSchema = z
  .object({
    code: z.string().regex(/^\d{6}(-[a-z]+)?$/),
    name: z.string(),
    en: z.string(),
    kind: z.enum(['province', 'city', 'district', 'county', 'county_city', 'zone', 'urban_area']),
    parent: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();
export type Region = z.infer<typeof RegionSchema>;

const ShareSchema = z.object({ level: z.enum(LEVELS), share: z.union([z.number(), AmountText]) }).strict();
export type ShareSpec = z.infer<typeof ShareSchema>;

/** Shares a user supplies for policies that leave them to "现行财政体制". */
export const RegimeFileSchema = z
  .object({
    title: z.string(),
    source: z.string(),
    regimes: z.array(
      z
        .object({
          policy: z.string(),
          regions: z.array(z.string()).min(1),
          shares: z.array(ShareSchema).min(1),
          note: z.string().optional(),
        })
        // Shares, policies and regions are checked against the rule set when the file is loaded (src/check/check-regime.ts).
        .strict(),
    ),
  })
  .strict();
export type RegimeFile = z.infer<typeof RegimeFileSchema>;

export const RegionFileSchema = z.object({ regions: z.array(RegionSchema) }).strict();
export { ShareSchema };
