import { raw } from './html.js';

/**
 * One style sheet, inline in every page (no network): readable on screen,
 * and on paper clean A4 pages where a clause is never cut across two pages.
 * Fonts are the reader's own: the usual Chinese system fonts first.
 */
export const STYLE = raw(`
:root { --ink: #1d2433; --muted: #5b6473; --line: #d5dae1; --soft: #f4f6f9; --sure: #1f7a4d; --ceiling: #b7791f; --potential: #7b4bb7; --aside: #8a8f98; --bad: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.6 "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 0 0 6px; }
.sub { color: var(--muted); margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
tr.group th { background: #e8ecf2; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.meta th { width: 9em; }
.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 10px; margin: 8px 0 12px; }
.total { border: 1px solid var(--line); border-left: 5px solid var(--line); padding: 8px 12px; border-radius: 4px; }
.total .label { color: var(--muted); font-size: 13px; }
.total .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.total .wan { color: var(--muted); font-size: 13px; }
.total.sure { border-left-color: var(--sure); } .total.ceiling { border-left-color: var(--ceiling); }
.total.potential { border-left-color: var(--potential); } .total.aside { border-left-color: var(--aside); }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; border: 1px solid currentColor; white-space: nowrap; }
.s-eligible { color: var(--sure); } .s-ceiling { color: var(--ceiling); } .s-needs_data { color: var(--potential); }
.s-excluded, .s-error { color: var(--bad); } .s-superseded, .s-not_eligible, .s-info, .s-not_in_force, .s-not_covered { color: var(--aside); }
.clause { border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 14px 0; break-inside: avoid; page-break-inside: avoid; }
.clause .amount { font-size: 16px; font-weight: 600; margin: 4px 0; }
.clause h4 { font-size: 13px; color: var(--muted); margin: 10px 0 4px; font-weight: 600; }
blockquote { margin: 4px 0; padding: 6px 12px; background: var(--soft); border-left: 4px solid var(--line); font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; }
ol.working { margin: 4px 0; padding-left: 22px; }
ol.working li { margin: 1px 0; }
li.k-formula, li.k-rounding { font-weight: 600; } li.k-cap, li.k-history { color: #7a4b00; }
ul.notes { margin: 4px 0; padding-left: 20px; color: var(--muted); }
.placeholder { color: var(--muted); }
figure { margin: 8px 0 16px; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg text { font: 12px sans-serif; fill: var(--ink); }
.legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
nav { margin: 0 0 12px; } a { color: #1d4ed8; }
tr.error td { color: var(--bad); }
td.nowrap { white-space: nowrap; } td.name { min-width: 11em; } table.by-document td:first-child { min-width: 10em; } td.note { min-width: 14em; font-size: 12px; }
table.by-document, table.enterprises { font-size: 13px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table.by-document, table.enterprises, table.overview { font-size: 8.5pt; }
  table.meta, figure, .totals { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  section.sheet + section.sheet, section.portfolio { break-before: page; page-break-before: always; }
}
`);
