import type { Lang } from '../../i18n/messages.js';

// Apart from rules.ts so that rules-new.ts, which rules.ts loads on demand, can take it without a cycle.
export interface RulesOptions {
  lang: Lang;
  rules?: string;
  regime?: string;
  format: string;
  id?: string;
  out?: string;
}
