import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RULES_DIR } from '../../index.js';
import { jsonSchemas } from '../../schema/emit-json-schema.js';
import { writeStdout } from '../stdout.js';

/** Writes rules/schema/*.schema.json; a test fails when they are stale. */
export async function emitSchema(dir = join(DEFAULT_RULES_DIR, 'schema')): Promise<number> {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(jsonSchemas())) writeFileSync(join(dir, name), text);
  writeStdout(`wrote ${Object.keys(jsonSchemas()).length} schemas to ${dir}\n`);
  return 0;
}
