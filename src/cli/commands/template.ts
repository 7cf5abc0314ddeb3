import { extname } from 'node:path';
import { templateCsv, templateYaml } from '../../batch/render-template.js';
import type { Lang } from '../../i18n/messages.js';
import { loadRules } from '../../load/load-rules.js';
import { writeOutput } from '../write-output.js';

export interface TemplateOptions {
  out?: string;
  format?: 'csv' | 'yaml';
  lang: Lang;
  rules?: string;
}

/** Writes the batch input template (CSV for Excel, or YAML) to a file or stdout. */
export async function template(opts: TemplateOptions): Promise<number> {
  const set = await loadRules(opts.rules);
  const format = opts.format ?? (opts.out && /^\.ya?ml$/i.test(extname(opts.out)) ? 'yaml' : 'csv');
  const text = format === 'yaml' ? templateYaml(set, opts.lang) : templateCsv(set, opts.lang);
  // `--out -` is stdout, as everywhere: never a file named "-".
  writeOutput(text, opts.out, []);
  return 0;
}
