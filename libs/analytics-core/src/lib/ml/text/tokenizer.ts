/**
 * Words of a message for the text models: lowercased runs of letters and digits, an apostrophe inside a
 * word kept ("don't", "customer's"; a typographic ’ counts as one). It is scikit-learn's `CountVectorizer`
 * with `token_pattern=r"[^\W_]+(?:'[^\W_]+)*"` (the reference script uses exactly that), so single
 * letters count and underscores split words. Bigrams are adjacent word pairs joined by a space, as
 * `ngram_range=(1, 2)` makes them.
 */
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/\u2019/g, "'")
      .match(WORD) ?? []
  );
}

/** The terms a text model counts: the words, then (with `bigrams`) each adjacent pair. */
export function textTerms(text: string, options: { bigrams: boolean }): string[] {
  const words = tokenize(text);
  if (!options.bigrams) return words;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) pairs.push(`${words[i]} ${words[i + 1]}`);
  return [...words, ...pairs];
}
