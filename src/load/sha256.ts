import type { Hash } from 'node:crypto';
import { createRequire } from 'node:module';

// node:crypto loads when a hash is first taken, not at start: loading it is 5-7 ms of the
// ~100 a `calc` adds to Node's own start-up, and a calc printed as a table takes no hash once
// the rule files' hashes are remembered (rule-fingerprint.ts) and the input's is left lazy.
const nodeRequire = createRequire(import.meta.url);

export const createSha256 = (): Hash => (nodeRequire('node:crypto') as typeof import('node:crypto')).createHash('sha256');

export const sha256 = (data: Uint8Array | string): string => createSha256().update(data).digest('hex');

/** A hash taken the first time it is asked for, of bytes kept until then. */
export function lazySha256(data: Uint8Array): () => string {
  let hex: string | undefined;
  return () => (hex ??= sha256(data));
}
