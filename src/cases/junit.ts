import type { CaseResult } from './run-case.js';

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * JUnit XML, one testcase per example case, failures listing clause, expected and actual.
 * `properties` (the run's provenance) go in the suite's <properties>, which JUnit puts before the cases.
 */
export function junitXml(results: CaseResult[], properties: [string, string][] = []): string {
  const failed = results.filter((r) => r.failures.length).length;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="subsidy" tests="${results.length}" failures="${failed}">`,
    `  <testsuite name="subsidy cases" tests="${results.length}" failures="${failed}">`,
  ];
  if (properties.length)
    lines.push('    <properties>', ...properties.map(([name, value]) => `      <property name="${esc(name)}" value="${esc(value)}"/>`), '    </properties>');
  for (const r of results) {
    const open = `    <testcase classname="${esc(r.file)}" name="${esc(r.name)}"`;
    if (!r.failures.length) lines.push(`${open}/>`);
    else {
      const text = r.failures.map((f) => `${f.clause} ${f.field}: expected ${f.expected}, got ${f.actual}`).join('\n');
      lines.push(`${open}>`, `      <failure message="${esc(r.failures[0]!.clause + ' ' + r.failures[0]!.field)}">${esc(text)}</failure>`, `    </testcase>`);
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
