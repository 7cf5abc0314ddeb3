import type { Lang } from '../../i18n/messages.js';
import { catalogue } from '../../i18n/messages.js';
import { html, type Html } from './html.js';
import { STYLE } from './style.js';

/**
 * The page around a sheet or a portfolio: self-contained (the style inline, no
 * script, no link to anything outside), and a content security policy that
 * lets nothing load or run even if some text were ever taken for markup.
 */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function pageStart(title: string, lang: Lang): Html {
  return html`<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
`;
}

export function pageEnd(lang: Lang): Html {
  return html`<footer>${catalogue(lang).sheet.footer}</footer>
</main>
</body>
</html>
`;
}

export function page(title: string, lang: Lang, body: Html): string {
  return `${pageStart(title, lang)}${body}\n${pageEnd(lang)}`;
}
