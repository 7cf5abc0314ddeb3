import { existsSync, lstatSync } from 'node:fs';
import { extname } from 'node:path';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { templateCsv, templateYaml } from '../../batch/template/render-template.js';
import type { Lang } from '../../i18n/messages.js';
import { loadRules } from '../../index.js';
import { templateFacts } from '../../batch/template/template-facts.js';
import { regionOption } from '../option-values.js';
import { toStdout, writeOutput } from '../write-output.js';

export interface TemplateOptions {
  out?: string;
  format?: 'csv' | 'yaml';
  force?: boolean;
  lang: Lang;
  rules?: string;
  /** Only the columns that matter for a region, documents or kinds of entity (template-facts.ts). */
  region?: string;
  policy?: string[];
  kind?: string;
}

const exists = (p: string) => {
  try {
    return Boolean(lstatSync(p));
  } catch {
    return existsSync(p);
  }
};

/**
 * Writes the batch input template (CSV for Excel, or YAML) to a file or stdout.
 * A file that exists may be a template someone has filled in: it is replaced only with --force.
 */
export async function template(opts: TemplateOptions): Promise<number> {
  if (!toStdout(opts.out) && !opts.force && exists(opts.out!))
    throw SubsidyError.of('OUTPUT_EXISTS', { path: opts.out, option: '--force' }, { file: opts.out });
  const set = await loadRules({ rules: opts.rules });
  const format = opts.format ?? (opts.out && /^\.ya?ml$/i.test(extname(opts.out)) ? 'yaml' : 'csv');
  regionOption(set, opts.region);
  const scoped = opts.region !== undefined || opts.policy?.length || opts.kind !== undefined;
  const choice = scoped ? { facts: templateFacts(set, { region: opts.region, policies: opts.policy, kinds: opts.kind }), region: opts.region } : {};
  const text = format === 'yaml' ? templateYaml(set, opts.lang, choice) : templateCsv(set, opts.lang, choice);
  // `--out -` is stdout, as everywhere: never a file named "-".
  writeOutput(text, opts.out, []);
  return 0;
}
