#!/usr/bin/env node
// Screenshots of the HTML reports for the user guide: `node docs/make-screenshots.js`
// (after `npm run build`; needs Debian's chromium and a Chinese font, as .ci/run installs).
// Writes docs/screenshot-calculation-sheet.png (the top of a 计算书), docs/screenshot-clause.png
// (one clause with its working) and docs/screenshot-portfolio.png (the top of a batch's index.html),
// from the shipped examples, so they can be made again whenever the pages change.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Browser, chromiumProblem } from '../test/helpers/chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const docs = join(root, 'docs');
const tmp = mkdtempSync(join(tmpdir(), 'subsidy-screenshots-'));

// A fixed time in the provenance, so that remade screenshots differ only where the pages do.
const env = { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? '1767225600' };

function subsidy(args) {
  const r = spawnSync(process.execPath, [join(root, 'bin/subsidy.js'), ...args], { cwd: root, encoding: 'utf8', env });
  if (r.status !== 0 && r.status !== 1) throw new Error(`subsidy ${args.join(' ')}: ${r.stderr}`);
}

const problem = chromiumProblem();
if (problem) {
  process.stderr.write(problem + '\n');
  process.exit(2);
}
const sheet = join(tmp, 'sheet.html');
subsidy(['calc', 'examples/lanxi-cross-border-seller.yaml', '--out', sheet]);
const pages = join(tmp, 'pages');
subsidy(['batch', 'examples/batch/all-examples.yaml', '--out', pages, '--format', 'html']);

const browser = await Browser.launch();
try {
  for (const [page, shots] of [
    [sheet, [['screenshot-calculation-sheet.png', 1900], ['screenshot-clause.png', 'article.clause:not(.document-checks) + article.clause']]],
    [join(pages, 'index.html'), [['screenshot-portfolio.png', 1900]]],
  ]) {
    const events = await browser.open(pathToFileURL(page).href, { width: 1100, height: 1400 });
    if (events.console.length) throw new Error(`${page}: ${JSON.stringify(events.console)}`);
    for (const [name, what] of shots) {
      const png = typeof what === 'number' ? await browser.screenshot(what) : await browser.screenshotOf(what);
      writeFileSync(join(docs, name), png);
      process.stdout.write(`${join('docs', name)} ${png.length} bytes\n`);
    }
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
