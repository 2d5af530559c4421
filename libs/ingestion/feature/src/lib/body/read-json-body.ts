import type { IncomingMessage } from 'node:http';
import { decodeJsonBody, tooLarge, type BodyLimit } from './decode-json-body';
import { requestBodyFormatOf } from './request-body-format';
import { RequestBodyError } from './request-body-error';

export type ReadJsonBodyOptions = BodyLimit;

/**
 * Reads a request body and decodes it as JSON whatever its Content-Type and encoding (see
 * `decodeJsonBody`). Sizes are checked while reading and while inflating, so neither a huge body nor
 * a small zip bomb is held in memory. @throws RequestBodyError
 */
export async function readJsonBody(request: IncomingMessage, options: ReadJsonBodyOptions): Promise<unknown> {
  const format = requestBodyFormatOf(request);
  const sent = await readAtMost(request, options);
  return decodeJsonBody(sent, format, options);
}

/** Past the limit a body is still read (and dropped) up to this many times the limit, then the connection closes. */
const DRAIN_FACTOR = 8;

function readAtMost(request: IncomingMessage, options: ReadJsonBodyOptions): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  const drainLimit = options.maxBytes * DRAIN_FACTOR;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let overflow = Number.isFinite(declared) && declared > options.maxBytes;
    const finish = () => {
      cleanUp();
      if (overflow) reject(tooLarge(options));
      else resolve(Buffer.concat(chunks, received));
    };
    const fail = () => {
      cleanUp();
      reject(new RequestBodyError('malformed_json', 'the request body ended before it was complete'));
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > options.maxBytes) overflow = true;
      // Past the limit the rest is read and dropped, so the client gets the 413 instead of a reset,
      // unless it keeps sending far beyond: then the answer goes out and the connection closes.
      if (!overflow) chunks.push(chunk);
      else if (received > drainLimit) {
        cleanUp();
        request.pause();
        reject(tooLarge(options, { closeConnection: true }));
      }
    };
    const cleanUp = () => {
      request.off('data', onData);
      request.off('end', finish);
      request.off('error', fail);
      request.off('aborted', fail);
    };
    request.on('data', onData);
    request.once('end', finish);
    request.once('error', fail);
    request.once('aborted', fail);
  });
}
