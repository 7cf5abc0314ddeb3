/**
 * JSON.parse keeps the last of two equal keys in an object, so `{"facts": {"a": 1,
 * "a": 2}}` would be read one way without a word. This finds the first key given
 * twice in a text JSON.parse has already accepted: one pass, no values built.
 */
export interface DuplicateKey {
  key: string;
  path: string[];
  /** 0-based character offsets of the two keys. */
  first: number;
  second: number;
}

interface Level {
  keys: Map<string, number> | undefined; // undefined: an array
  expectKey: boolean;
  key?: string;
}

export function duplicateKey(text: string): DuplicateKey | undefined {
  const stack: Level[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') stack.push({ keys: c === '{' ? new Map() : undefined, expectKey: c === '{' });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
    } else if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const top = stack[stack.length - 1];
      if (!top?.keys || !top.expectKey) continue;
      const key = JSON.parse(text.slice(start, i + 1)) as string;
      top.expectKey = false;
      top.key = key;
      const before = top.keys.get(key);
      if (before !== undefined) return { key, path: stack.map((l) => l.key ?? '').filter(Boolean), first: before, second: start };
      top.keys.set(key, start);
    }
  }
  return undefined;
}
