import { Decimal, formatYuan } from '../../money/decimal.js';
import { displayWidth } from '../wrap-text.js';
import { html, join, type Html } from './html.js';

/** A kind of bar: its legend text and colour. Kinds are drawn side by side, never added together. */
export interface BarKind {
  key: string;
  label: string;
  colour: string;
}

export interface BarGroup {
  label: string;
  values: Partial<Record<string, Decimal>>;
}

const WIDTH = 720;
const LABEL = 230;
const VALUE = 110;
const BAR = 14;
const GAP = 4;
const GROUP_GAP = 10;
/** Average pixels per display column of 12px text, to shorten labels that would not fit. */
const PX_PER_COLUMN = 6.6;

function shorten(label: string): string {
  const max = Math.floor((LABEL - 10) / PX_PER_COLUMN);
  if (displayWidth(label) <= max) return label;
  let out = '';
  for (const ch of label) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return out + '…';
}

/**
 * Horizontal bars, one row per kind inside each group, scaled to the largest
 * value: inline SVG, so the page needs no script and no network. Each bar
 * carries its exact amount as text beside it and in a tooltip.
 */
export function barChart(caption: string, kinds: BarKind[], groups: BarGroup[], empty: string): Html {
  const rows = groups.map((g) => ({ g, bars: kinds.filter((k) => g.values[k.key] && !g.values[k.key]!.isZero()) })).filter((r) => r.bars.length);
  if (!rows.length) return html`<figure><figcaption>${caption}</figcaption><p class="placeholder">${empty}</p></figure>`;
  const max = Decimal.max(...rows.flatMap((r) => r.bars.map((k) => r.g.values[k.key]!)));
  const span = WIDTH - LABEL - VALUE;
  let y = 4;
  const parts: Html[] = [];
  for (const { g, bars } of rows) {
    const h = bars.length * (BAR + GAP) - GAP;
    parts.push(html`<text x="${LABEL - 8}" y="${y + h / 2 + 4}" text-anchor="end"><title>${g.label}</title>${shorten(g.label)}</text>`);
    for (const k of bars) {
      const v = g.values[k.key]!;
      const w = Math.max(1, v.div(max).times(span).toDecimalPlaces(1).toNumber());
      parts.push(html`<rect x="${LABEL}" y="${y}" width="${w}" height="${BAR}" fill="${k.colour}"><title>${k.label} ${formatYuan(v)}</title></rect>`);
      parts.push(html`<text x="${LABEL + w + 6}" y="${y + BAR - 3}">${formatYuan(v)}</text>`);
      y += BAR + GAP;
    }
    y += GROUP_GAP - GAP;
  }
  const height = y + 4;
  const legend =
    kinds.length > 1 ? html`<div class="legend">${kinds.map((k) => html`<span><i style="background:${k.colour}"></i>${k.label}</span>`)}</div>` : '';
  return html`<figure><figcaption>${caption}</figcaption>${legend}<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${caption}" viewBox="0 0 ${WIDTH} ${height}" width="100%" style="max-width:${WIDTH}px">${join(parts)}</svg></figure>`;
}
