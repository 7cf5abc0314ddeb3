import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/**
 * `npm run bundle`: the CLI and its launcher as two CommonJS files (see launch.ts for why),
 * made by esbuild, then written in ASCII only.
 *
 * Why ASCII: the launcher reads the bundle as a string at every start. esbuild escapes
 * non-ASCII characters in strings and templates but leaves them in regular expressions (our
 * Chinese punctuation: /[;；、]/). A single such character makes the whole 0.7 MB a two-byte
 * string, slower to decode and twice the memory: reading it took 12 ms against 3 ms for the
 * same file escaped, on this project's 2-core machine.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

// Loaded by require when a command needs them: start-up reads a third of the bytes.
const EXTERNAL = ['zod', 'iconv-lite', 'csv-parse', 'chardet', 'exceljs', 'yauzl', 'saxes', 'cli-table3'];

/**
 * Each character outside ASCII written as \uXXXX (an astral one as its two halves). The same
 * escape means the same character in a string, a template, an identifier and a regular
 * expression, with or without the u flag. In a regular expression `\。` is an identity escape
 * of `。`: its backslash goes, or the escape would read as a backslash and "u3002".
 * One place where the escape shows: the `.raw` strings of a tagged template (esbuild leaves
 * non-ASCII there on purpose). Our one tag, the HTML renderer's, reads the cooked strings;
 * a tag or String.raw that read `.raw` would see the escape.
 */
export function asciiOnly(code: string): string {
  return code.replace(/(\\*)([^\x00-\x7f]+)/g, (_, slashes: string, text: string) => {
    let hex = '';
    for (let i = 0; i < text.length; i++) hex += `\\u${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    return (slashes.length % 2 ? slashes.slice(1) : slashes) + hex;
  });
}

/**
 * chalk asks supports-color about the terminal when it loads, which loads node:tty, node:net
 * and node:os (5 ms of a start). We always give chalk its level (render-table.ts,
 * batch-report.ts: colour only on a terminal, and never under NO_COLOR), so chalk never uses
 * the answer: the bundle gets a stand-in that says "no colour" without asking.
 */
const noColourDetection: Plugin = {
  name: 'no-colour-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'stand-in' }));
    b.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({
      contents: 'export function createSupportsColor() { return false; }\nexport default { stdout: false, stderr: false };\n',
      loader: 'js',
    }));
  },
};

/**
 * The CLI's bundle is written as the function Node would wrap a CommonJS module in
 * (Module.wrap), because the launcher compiles it itself (launch.ts): wrapping it there made a
 * second 0.65 MB string at every start, flattened for the compiler.
 */
export const WRAP = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'] as const;

async function bundle(entry: string, outfile: string, opts: { minify: boolean; external: string[]; wrap?: boolean }): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [root + entry],
    outfile: root + outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: opts.minify,
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    external: [...EXTERNAL, ...opts.external],
    logLevel: 'warning',
    plugins: [noColourDetection],
  });
  const code = asciiOnly(readFileSync(root + outfile, 'utf8'));
  writeFileSync(root + outfile, opts.wrap ? WRAP[0] + code + WRAP[1] : code);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundle('dist/cli/index.js', 'dist/bundle/subsidy.cjs', { minify: true, external: [], wrap: true });
  // Relative to dist/cli/ and to dist/bundle/ alike: the launcher falls back to the ES modules.
  await bundle('dist/cli/launch.js', 'dist/bundle/launch.cjs', { minify: false, external: ['../cli/index.js'] });
}
