import { readFileSync } from 'node:fs';
import { caseFiles, loadCaseFile, type LoadedCase } from '../../cases/load-cases.js';
import { runCase, type CaseResult } from '../../cases/run-case.js';
import { junitXml } from '../../cases/junit.js';
import { loadRules } from '../../index.js';
import { writeFileAtomic } from '../../output/write-file-atomic.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import type { Lang } from '../../i18n/messages.js';
import { provenance, runTime, sha256 } from '../../provenance/provenance.js';
import { junitProperties } from '../../provenance/render-provenance.js';
import { safeJson, safeText } from '../../i18n/safe-text.js';
import { writeStdout } from '../stdout.js';

export interface TestOptions {
  filter?: string;
  keyword?: string[];
  junit?: string;
  format: 'text' | 'json';
  rules?: string;
  regime?: string;
  reading?: string[];
  readings?: string;
  lang: Lang;
}

/** Runs YAML example cases. Exit 0 all pass, 1 any failure, 2 a malformed case file (thrown). */
export async function testCommand(paths: string[], opts: TestOptions): Promise<number> {
  const at = opts.junit ? runTime() : undefined;
  const set = await loadRules(opts);
  const files = caseFiles(paths.length ? paths : ['examples']);
  const findings = [];
  const loaded: LoadedCase[] = [];
  for (const f of files) {
    try {
      loaded.push(...loadCaseFile(f));
    } catch (e) {
      if (e instanceof SubsidyError) findings.push(...e.findings);
      else throw e;
    }
  }
  if (findings.length) throw new SubsidyError(findings);
  const selected = loaded.filter(
    ({ case: c }) => (!opts.filter || c.name.includes(opts.filter)) && (!opts.keyword?.length || opts.keyword.some((k) => c.keywords.includes(k))),
  );
  const results: CaseResult[] = selected.map((l) => runCase(set, l.case, l.src, l.index));
  const failed = results.filter((r) => r.failures.length).length;
  const passed = results.length - failed;
  if (opts.junit) {
    // Each case file by the path it was named by (the testcases' classname), hashed as it is now.
    const inputs = files.map((f) => ({ role: 'case' as const, file: f, sha256: sha256(readFileSync(f)) }));
    writeFileAtomic(opts.junit, junitXml(results, junitProperties(provenance(set, inputs, at))), files);
  }
  if (opts.format === 'json') {
    const json = results.map((r) => ({ file: r.file, name: r.name, passed: !r.failures.length, failures: r.failures }));
    writeStdout(safeJson(JSON.stringify({ passed, failed, results: json }, null, 2)) + '\n');
  } else {
    for (const r of results) {
      writeStdout(safeText(`${r.failures.length ? '✗' : '✓'} ${r.name}  (${r.file})`) + '\n');
      for (const f of r.failures) writeStdout(safeText(`    ${f.clause} ${f.field}: expected ${f.expected}, got ${f.actual}`) + '\n');
    }
    writeStdout(`${passed} passed, ${failed} failed\n`);
  }
  return failed ? 1 : 0;
}
