import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { DEFAULT_RULES_DIR } from '../../index.js';
import { readTextFile } from '../../load/read-text-file.js';
import { readYaml } from '../../load/read-yaml.js';
import { writeFileAtomic } from '../../output/write-file-atomic.js';
import type { Region } from '../../schema/region-schema.js';
import { scaffoldPolicy } from '../rules/scaffold-policy.js';
import type { RulesOptions } from './rules-options.js';
import { reason } from '../../i18n/reasons.js';
import { writeStdout } from '../stdout.js';

/**
 * `subsidy rules new <source.txt> --id ID [--out FILE]`: a policy file to start from,
 * one `todo` clause per numbered item, the document's particulars marked for review.
 */
export async function rulesNew(file: string | undefined, opts: RulesOptions): Promise<number> {
  if (!file) throw SubsidyError.of('USAGE', { detail: reason('rulesNewUsage') });
  if (!opts.id || !/^[a-z0-9][a-z0-9_.-]*$/.test(opts.id)) throw SubsidyError.of('USAGE', { detail: reason('policyIdForm') }, { field: '--id' });
  const source = basename(file);
  if (!/^[\w.-]+\.txt$/.test(source)) throw SubsidyError.of('USAGE', { detail: reason('sourceNameForm', { value: source }) }, { file });
  const text = readTextFile(file);
  const result = scaffoldPolicy({ text, source, id: opts.id, regions: regionsOf(opts.rules ?? DEFAULT_RULES_DIR) });
  for (const w of result.warnings) process.stderr.write(`${file}: ${w}\n`);
  if (opts.out) {
    if (existsSync(opts.out)) throw SubsidyError.of('USAGE', { detail: reason('outExists', { value: opts.out }) }, { file: opts.out, field: '--out' });
    writeFileAtomic(opts.out, result.yaml);
    const placed = existsSync(join(opts.rules ?? DEFAULT_RULES_DIR, 'sources', source));
    process.stderr.write(
      `wrote ${opts.out}: ${result.clauses.length} clauses (todo), numbering [${result.numbering.join(', ')}]${placed ? '' : `; copy ${source} into sources/ of the rule directory`}\n`,
    );
  } else writeStdout(result.yaml);
  return 0;
}

/** The places a scaffold may name: the rule directory's regions, if it has readable ones. */
function regionsOf(dir: string): Region[] {
  try {
    const data = readYaml(readFileSync(join(dir, 'regions.yaml'), 'utf8'), 'regions.yaml').data as { regions?: Region[] };
    return Array.isArray(data.regions) ? data.regions.filter((r) => typeof r?.name === 'string' && typeof r?.code === 'string') : [];
  } catch {
    return [];
  }
}
