import { Readable } from 'node:stream';
import { jsonArrayOfLines } from './json-array-of-lines';

async function arrayOf(pieces: string[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const piece of Readable.from(pieces.map((text) => Buffer.from(text))).pipe(jsonArrayOfLines())) out.push(piece as Buffer);
  return Buffer.concat(out).toString('utf8');
}

describe('jsonArrayOfLines', () => {
  it('writes the bytes the paged JSON writer does, however the lines are split into chunks', async () => {
    const lines = '{"a":1}\n{"b":"x\\ny"}\n{"c":"ü"}\n';
    const expected = '[\n{"a":1},\n{"b":"x\\ny"},\n{"c":"ü"}\n]\n';
    expect(await arrayOf([lines])).toBe(expected);
    // every split point, including right before and after a line break
    for (let cut = 1; cut < lines.length; cut++) expect(await arrayOf([lines.slice(0, cut), lines.slice(cut)])).toBe(expected);
    expect(await arrayOf(lines.split(''))).toBe(expected);
  });

  it('writes an empty array for no lines', async () => {
    expect(await arrayOf([])).toBe('[]\n');
  });
});
