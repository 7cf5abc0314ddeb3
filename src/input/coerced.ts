import type { ErrorCode, Words } from '../errors/codes.js';
import type { FactValue } from '../model/fact-value.js';

// Apart from coerce-value.ts so that record-list.ts, which coerce-value.ts calls, can name
// its result without importing it back (that was a cycle).
export type Coerced =
  | { ok: true; value: FactValue | undefined }
  | { ok: false; code: ErrorCode; detail: Words | string; suggestion?: string; args?: Record<string, string> };
