import { z } from 'zod';
import { parseAmount } from '../money/parse-amount.js';

/**
 * A written amount in a rule, regime or case file: "5万", "50万美元", "20%".
 * Checked when the file loads, so that the engine never meets a literal it cannot read.
 * (A refinement only: the emitted JSON Schema stays a plain string.)
 */
export const AmountText = z.string().refine((s) => parseAmount(s) !== undefined, { message: 'not an amount (write e.g. 50000, 5万, 1.2亿, 50万美元, 20%)' });
