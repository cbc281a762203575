/**
 * "Did you mean …?" for a misspelt command, option or value: the closest candidate by edit
 * distance (insertions, deletions, substitutions and swaps of two neighbours, as in git's and
 * kubectl's suggestions), when it is close enough to be a typo rather than another word.
 */

/** Optimal string alignment distance: Levenshtein plus the transposition of two adjacent characters. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/** How many edits still read as a typo of a word this long (leading dashes not counted). */
const tolerance = (word: string): number => {
  const n = word.replace(/^-+/, '').length;
  return n <= 4 ? 1 : n <= 8 ? 2 : 3;
};

/** The candidate `word` is most likely a typo of, if any (case-insensitive; ties go to the first). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // Typed input is short; a long word is no typo of a command name and would cost a large table.
  if (word.length > 64) return undefined;
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = tolerance(word) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean X?`, or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : `; did you mean ${match}?`;
}
