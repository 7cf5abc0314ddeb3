import { safeText } from '../../i18n/safe-text.js';

/**
 * HTML built so that text cannot become markup: every value put into the
 * `html` template is escaped unless it is itself the result of `html` (or of
 * `raw`, kept for the fixed style sheet). Enterprise names, rule quotes and
 * notes all come from files people write, so escaping is the default, not a
 * step to remember.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Part = Html | string | number | undefined | null | false | readonly Part[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element's content or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function part(p: Part): string {
  if (p === undefined || p === null || p === false) return '';
  if (p instanceof Html) return p.text;
  if (Array.isArray(p)) return p.map(part).join('');
  // Control and bidi characters are shown escaped (safe-text.ts), as in every other output: a name cannot reorder what a reader sees.
  return escapeHtml(safeText(String(p)));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup the program itself wrote (the style sheet): never text from a file. */
export const raw = (s: string) => new Html(s);

export const join = (parts: readonly Part[], sep: Part = ''): Html => new Html(parts.map(part).join(part(sep)));

/** Text with its line breaks kept as <br>. */
export const lines = (s: string): Html => join(s.split('\n'), raw('<br>'));
