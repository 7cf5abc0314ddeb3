/**
 * How a written choice is compared: full-width forms folded (NFKC), case and
 * white space ignored. Input and the dictionary's uniqueness check use the same
 * key. (Kept apart from fact-schema.ts so that reading input does not load zod.)
 */
export function choiceKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Every name one enum value is given in the dictionary: id, labels and aliases. */
export function namesOf(v: { id: string; zh: string; en: string; aliases?: string[] }): string[] {
  return [v.id, v.zh, v.en, ...(v.aliases ?? [])];
}
