import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, chromiumProblem } from '../helpers/chromium.js';
import { cli } from '../helpers/cli.js';
import { shippedRules } from '../helpers/mini-rules.js';
import { HOSTILE_JSONL } from '../helpers/hostile-batch.js';

/**
 * The calculation sheet and the portfolio page in a real browser: Debian's
 * headless Chromium, driven over the DevTools protocol. No console errors, no
 * request but the page itself, the text a reader sees holds the quotes and
 * the amounts, and a page prints to an A4 PDF with that text in it. Chromium,
 * a Chinese font and pdftotext are installed by .ci/run; when one is missing
 * the tests fail and say so (they never skip).
 */
const dir = mkdtempSync(join(tmpdir(), 'subsidy-chromium-test-'));
const EXAMPLE = 'examples/lanxi-cross-border-seller.yaml';
const HOSTILE_NAME = '<script>alert(1)</script>';
let browser: Browser;

/** The example with an enterprise name that would run a script if it were not escaped. */
function hostileExample(): string {
  const file = join(dir, 'hostile.yaml');
  writeFileSync(file, readFileSync(EXAMPLE, 'utf8').replace('name: 兰溪市某跨境电商有限公司', `name: '${HOSTILE_NAME}'`));
  return file;
}

beforeAll(async () => {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
  browser = await Browser.launch();
}, 120000);

afterAll(async () => {
  await browser?.close();
});

/** Opens a page and checks what every page must do: load alone, log nothing, run nothing. */
async function openClean(file: string) {
  const url = pathToFileURL(file).href;
  const events = await browser.open(url);
  expect(events.console).toEqual([]);
  expect(events.requests).toEqual([url]);
  expect(await browser.evaluate(`document.querySelectorAll('script, img, iframe, object, embed, link').length`)).toBe(0);
  return (await browser.evaluate('document.body.innerText')) as string;
}

describe('the calculation sheet in headless Chromium', () => {
  it('loads with no console error and no request, shows every quote and amount, and prints to an A4 PDF with its text', async () => {
    const file = join(dir, 'sheet.html');
    const input = hostileExample();
    expect(cli(['calc', input, '--out', file]).code).toBe(0);
    const text = await openClean(file);
    const j = JSON.parse(cli(['calc', input, '--format', 'json']).stdout);
    const quotes = new Map(
      shippedRules().policies.flatMap((lp) => lp.policy.clauses.map((c) => [c.id, ([] as string[]).concat(c.quote).join(' … ')] as const)),
    );
    const money = (s: string) => Number(s).toLocaleString('en-US', { minimumFractionDigits: 2 });
    let clauses = 0;
    for (const p of j.policies)
      for (const c of p.clauses) {
        if (!['eligible', 'ceiling', 'needs_data'].includes(c.status)) continue;
        clauses++;
        expect(text).toContain(quotes.get(c.id)!);
        for (const kind of ['sure', 'ceiling', 'potential']) if (c[kind]) expect(text).toContain(money(c[kind]));
      }
    expect(clauses).toBeGreaterThan(3);
    // The readings that decided something (as the JSON says) are named in the sheet by their question.
    const decided = (j.readings as { id: string; decided: boolean }[]).filter((u) => u.decided);
    expect(decided.length).toBeGreaterThan(0);
    for (const u of decided) expect(text).toContain(shippedRules().readings.find((r) => r.id === u.id)!.question.zh);
    expect(text).toContain(HOSTILE_NAME);
    expect(text).toContain(`${money(j.totals.sure)} 元`);

    const pdf = await browser.pdf();
    const pdfFile = join(dir, 'sheet.pdf');
    writeFileSync(pdfFile, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = spawnSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
    expect(info.error, 'pdfinfo is missing: .ci/run installs poppler-utils').toBeUndefined();
    expect(info.stdout).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1])).toBeGreaterThan(1);
    const pdfText = spawnSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    // Chinese text in the PDF needs a Chinese font (.ci/run installs fonts-wqy-microhei).
    expect(pdfText, 'no Chinese text in the PDF: is a Chinese font installed?').toContain('鼓励跨境电商发展');
    expect(pdfText).toContain('218,000.00');
    expect(pdfText).toContain(HOSTILE_NAME.replace(/\s/g, ''));
  }, 120000);

  it('in English too', async () => {
    const file = join(dir, 'sheet-en.html');
    expect(cli(['calc', EXAMPLE, '--out', file, '--lang', 'en']).code).toBe(0);
    const text = await openClean(file);
    expect(text).toContain('Calculation sheet');
    expect(text).toContain('218,000.00 CNY');
  }, 60000);
});

describe('the portfolio page in headless Chromium', () => {
  it('index.html and every sheet it links to load clean; every input row is listed, errors with their message', async () => {
    const input = join(dir, 'hostile.jsonl');
    writeFileSync(input, HOSTILE_JSONL);
    const out = join(dir, 'pages');
    expect(cli(['batch', input, '--out', out, '--format', 'html']).code).toBe(1);
    const index = join(out, 'index.html');
    const text = await openClean(index);
    for (const line of HOSTILE_JSONL.split('\n')) expect(text).toContain(JSON.parse(line).name);
    expect(text).toContain('UNKNOWN_REGION');
    expect(text).toContain('<script>alert(2)</script>');
    const links = (await browser.evaluate(`[...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))`)) as string[];
    expect(links).toHaveLength(3);
    for (const href of links) {
      expect(existsSync(join(out, href))).toBe(true);
      const sheet = await openClean(join(out, href));
      expect(sheet).toContain('计算书');
    }
    const pdf = await browser.pdf();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, 120000);
});
