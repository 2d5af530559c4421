import { MAX_ANALYZED_TEXT_BYTES, messageSentiment } from './message-sentiment';

const score = (text: string): number => {
  const result = messageSentiment(text);
  if (result.sentiment === null) throw new Error(`no sentiment for ${text}: ${result.reason}`);
  return result.sentiment.score;
};

describe('messageSentiment (VADER)', () => {
  it('gives VADER’s compound score and shares: "good" is 0.4404, all positive', () => {
    expect(messageSentiment('good')).toEqual({ sentiment: { label: 'positive', score: 0.4404, pos: 1, neu: 0, neg: 0 } });
  });

  it('flips the sign under negation: "not good" is negative', () => {
    expect(score('not good')).toBeLessThan(0);
    expect(messageSentiment('The food was not good')).toMatchObject({ sentiment: { label: 'negative' } });
    expect(score("isn't bad at all")).toBeGreaterThan(0);
  });

  it('scales the score up with emphasis: capitals with exclamation marks, and intensifiers', () => {
    expect(score('GOOD!!!')).toBeGreaterThan(score('good'));
    expect(score('very good')).toBeGreaterThan(score('good'));
    expect(score('The service was terrible!!!')).toBeLessThan(score('The service was terrible'));
  });

  it('labels by VADER’s cut-offs: ≥ 0.05 positive, ≤ −0.05 negative, neutral between', () => {
    expect(messageSentiment('The parcel arrived on Tuesday')).toMatchObject({ sentiment: { label: 'neutral', score: 0 } });
    expect(messageSentiment('I hate waiting, this is awful')).toMatchObject({ sentiment: { label: 'negative' } });
  });

  it('answers no sentiment, with the reason, for an empty text', () => {
    expect(messageSentiment('   ')).toEqual({ sentiment: null, reason: 'empty_text', detail: 'the text is empty' });
  });

  it('answers no sentiment for a text over the event size limit in UTF-8 bytes (32 KB), not in characters', () => {
    expect(messageSentiment('good '.repeat(6553))).toMatchObject({ sentiment: { label: 'positive' } }); // 32,765 bytes
    expect(messageSentiment('ok '.repeat(10923))).toMatchObject({ sentiment: null, reason: 'text_too_long' }); // 32,769 bytes
    // 11,000 × "é " is 22,000 characters but 33,000 bytes.
    const accented = messageSentiment('good '.concat('é '.repeat(11000)));
    expect(accented).toMatchObject({
      sentiment: null,
      reason: 'text_too_long',
      detail: `the text is 33005 bytes of UTF-8; at most ${MAX_ANALYZED_TEXT_BYTES} are analysed`,
    });
  });

  it('answers no sentiment for text that is not English, instead of misreading it (German "war" is not "war")', () => {
    expect(messageSentiment('Das Essen war sehr gut')).toMatchObject({ sentiment: null, reason: 'unsupported_language' });
  });
});
