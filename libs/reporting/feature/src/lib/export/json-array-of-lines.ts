import { Transform } from 'node:stream';

const NEWLINE = 0x0a;
const SEPARATOR = Buffer.from(',\n');
const OPENING = Buffer.from('[\n');

/**
 * NDJSON bytes in, one JSON array out, with the bytes the paged JSON writer produces: `[`, `\n` before the first
 * object, `,\n` between objects, `\n]\n` after the last (`[]\n` when empty). A line break is only ever a row's end:
 * JSON text escapes its own. Each row's end is written once the next row (or the end) shows whether a comma follows,
 * so chunks may split rows anywhere.
 */
export function jsonArrayOfLines(): Transform {
  let opened = false;
  let rowEnded = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.length === 0) return done();
      const pieces: Buffer[] = [];
      if (!opened) pieces.push(OPENING);
      opened = true;
      let start = 0;
      while (start < chunk.length) {
        if (rowEnded) pieces.push(SEPARATOR);
        rowEnded = false;
        const end = chunk.indexOf(NEWLINE, start);
        if (end === -1) {
          pieces.push(chunk.subarray(start));
          break;
        }
        pieces.push(chunk.subarray(start, end));
        rowEnded = true;
        start = end + 1;
      }
      done(null, Buffer.concat(pieces));
    },
    flush(done) {
      done(null, opened ? '\n]\n' : '[]\n');
    },
  });
}
