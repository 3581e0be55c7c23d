/**
 * "Did you mean": the allowed names closest to a misspelt one, for every message that refuses a
 * name (a command, an option, a manifest key, a snapshot id, a metric id). Pure.
 */

/**
 * Edit distance between two strings (insertions, deletions, substitutions and swaps of two
 * neighbours each cost 1): the optimal string alignment distance.
 * @see https://en.wikipedia.org/wiki/Damerau%E2%80%93Levenshtein_distance
 * @example editDistance('valdiate', 'validate') // 1
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the table suffice: the swap looks two rows back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, before[j - 2]! + 1);
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * The allowed names a misspelt `word` most likely meant, closest first: those within an edit
 * distance of a third of the word's length (at least 1, case ignored), and those that start with
 * it or that it starts with (an abbreviation, a truncated paste).
 * @param max how many to return
 * @example nearMatches('npss', ['nps', 'csat', 'index']) // ['nps']
 */
export function nearMatches(word: string, allowed: readonly string[], max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  return allowed
    .map((name) => {
      const n = name.toLowerCase();
      const distance = editDistance(w, n);
      const prefix = w.length >= 2 && (n.startsWith(w) || w.startsWith(n));
      return { name, distance, near: distance <= limit || prefix };
    })
    .filter((c) => c.near && c.name !== word)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((c) => c.name);
}

/** ` (did you mean "a" or "b"?)` for the near matches of `word`, or '' when there are none. */
export function didYouMean(word: string, allowed: readonly string[], quote = '"'): string {
  const near = nearMatches(word, allowed);
  if (near.length === 0) return '';
  const names = near.map((n) => `${quote}${n}${quote}`);
  const listed =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return ` (did you mean ${listed}?)`;
}
