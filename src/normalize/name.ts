// Names compared as domain.md §11 says: after NFKC and without any whitespace, nothing fuzzier (no pinyin, no
// similar-looking characters: those link strangers who share a common name in one village).

const INVISIBLE = /[\s\u200B-\u200D\u2060\u180E\uFEFF]/g;

export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '');
}
