import { z } from 'zod';
import { amountHint, parseAmount } from '../money/parse-amount.js';

/**
 * A written amount in a rule, regime or case file: "5万", "50万美元", "20%".
 * Checked when the file loads, so that the engine never meets a literal it cannot read.
 * (A refinement only: the emitted JSON Schema stays a plain string.)
 */
export const AmountText = z.string().superRefine((s, ctx) => {
  if (parseAmount(s) !== undefined) return;
  const message = amountHint(s)
    ? 'not an amount: a comma only separates thousands, three digits at a time (1,234,567); decimals take a point (1.5万, 6.5%)'
    : 'not an amount (write e.g. 50000, 5万, 1.2亿, 50万美元, 20%)';
  ctx.addIssue({ code: 'custom', message });
});
