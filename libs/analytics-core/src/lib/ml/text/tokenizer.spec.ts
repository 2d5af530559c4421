import { textTerms, tokenize } from './tokenizer';

describe('tokenize', () => {
  it('lowercases runs of letters and digits, keeps inner apostrophes (typographic too), splits on everything else', () => {
    expect(tokenize("I can’t log-in to my_account #42, don't ask!")).toEqual(['i', "can't", 'log', 'in', 'to', 'my', 'account', '42', "don't", 'ask']);
  });

  it('reads letters of any script', () => {
    expect(tokenize('Größe café Привет')).toEqual(['größe', 'café', 'привет']);
  });

  it('adds adjacent pairs after the words when asked for bigrams', () => {
    expect(textTerms('Where is my order', { bigrams: true })).toEqual(['where', 'is', 'my', 'order', 'where is', 'is my', 'my order']);
    expect(textTerms('refund', { bigrams: true })).toEqual(['refund']);
  });
});
