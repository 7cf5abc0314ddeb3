import { z } from 'zod';
import { FactFileSchema } from './fact-schema.js';
import { PolicySchema } from './policy-schema.js';
import { RegionFileSchema, RegimeFileSchema } from './region-schema.js';
import { CaseSchema } from './case-schema.js';
import { ResultFileSchema } from './result-schema.js';

/** JSON Schemas for editors (yaml-language-server), generated from the zod schemas that validate at load. */
export function jsonSchemas(): Record<string, string> {
  const emit = (schema: z.ZodType, title: string) =>
    JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2) + '\n';
  return {
    'policy.schema.json': emit(PolicySchema, 'subsidy policy rule file'),
    'facts.schema.json': emit(FactFileSchema, 'subsidy fact dictionary'),
    'regions.schema.json': emit(RegionFileSchema, 'subsidy regions'),
    'regime.schema.json': emit(RegimeFileSchema, 'subsidy fiscal regime file'),
    'case.schema.json': emit(CaseSchema, 'subsidy example case'),
    'result.schema.json': emit(ResultFileSchema, 'subsidy calc --format json result (schemaVersion 2)'),
  };
}
