import type { Decimal } from '../money/decimal.js';
import type { RecordList } from './record-value.js';

// The value of one fact, as input reads it and the engine evaluates it: here, below both, so
// that the engine reads values without importing the code that reads them.
export type FactValue = Decimal | boolean | string | string[] | Decimal[] | RecordList;
