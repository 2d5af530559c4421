import { chunkForPublishing } from './publish-chunks';

const message = (value: string, key?: string) => ({ key, value });

describe('chunkForPublishing', () => {
  it('keeps a small publish in one chunk', () => {
    const messages = [message('a'), message('b'), message('c')];
    expect(chunkForPublishing(messages, 1_000)).toEqual([messages]);
  });

  it('splits by accumulated size, in order, counting key, value and 64 bytes of framing', () => {
    // Each message weighs 36 + 64 = 100 bytes: two fit in 250, the third starts a new chunk.
    const messages = Array.from({ length: 5 }, (_, index) => message('x'.repeat(35), String(index)));
    const chunks = chunkForPublishing(messages, 250);
    expect(chunks.map((chunk) => chunk.map((entry) => entry.key))).toEqual([['0', '1'], ['2', '3'], ['4']]);
  });

  it('gives a message larger than the limit a chunk of its own rather than dropping it', () => {
    const huge = message('y'.repeat(5_000));
    const chunks = chunkForPublishing([message('a'), huge, message('b')], 1_000);
    expect(chunks).toEqual([[message('a')], [huge], [message('b')]]);
  });

  it('counts multi-byte characters and headers by their bytes', () => {
    const withHeaders = { value: 'é'.repeat(100), headers: { 'x-error': 'z'.repeat(100) } }; // 200 + 107 + 64
    expect(chunkForPublishing([withHeaders, withHeaders], 700)).toHaveLength(2);
    expect(chunkForPublishing([withHeaders, withHeaders], 800)).toHaveLength(1);
  });

  it('returns no chunk for no message', () => {
    expect(chunkForPublishing([])).toEqual([]);
  });
});
