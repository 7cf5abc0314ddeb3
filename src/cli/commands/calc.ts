import { loadRules } from '../../load/load-rules.js';
import { readTextFile } from '../../load/read-text-file.js';
import { readYaml } from '../../load/read-yaml.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { toEnterprise } from '../../input/to-enterprise.js';
import { enterpriseRecord } from '../../input/enterprise-record.js';
import { evaluate } from '../../engine/evaluate.js';
import { renderResult, type Format } from '../../render/render-result.js';
import type { Lang } from '../../i18n/messages.js';

export interface CalcOptions {
  year?: string;
  region?: string;
  format: Format;
  explain?: boolean;
  all?: boolean;
  lang: Lang;
  rules?: string;
  regime?: string;
}

export async function calc(file: string, opts: CalcOptions): Promise<number> {
  const set = await loadRules(opts.rules, opts.regime);
  const text = readTextFile(file);
  if (!text.trim()) throw SubsidyError.of('FILE_EMPTY', {}, { file });
  const src = readYaml(text, file === '-' ? '<stdin>' : file);
  const year = opts.year !== undefined ? Number(opts.year) : undefined;
  if (year !== undefined && !Number.isInteger(year)) throw SubsidyError.of('BAD_YEAR', { value: String(opts.year) }, { field: '--year' });
  const { record, locate } = enterpriseRecord(src);
  const { enterprise, findings } = toEnterprise(set, record, locate, { region: opts.region, year });
  if (!enterprise) throw new SubsidyError(findings);
  const ev = evaluate(set, enterprise);
  process.stdout.write(renderResult([ev], set, { format: opts.format, explain: opts.explain, all: opts.all, lang: opts.lang, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
  return 0;
}
