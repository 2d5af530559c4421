import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, type ZlibOptions } from 'node:zlib';
import { RequestBodyError } from './request-body-error';

const DECOMPRESS: Record<string, (buffer: Buffer, options: ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress) as (buffer: Buffer, options: ZlibOptions) => Promise<Buffer>,
};

export interface ReadJsonBodyOptions {
  /** Limit of the body as sent and, when compressed, after decompression. */
  maxBytes: number;
  /** Names the limit in the 413 message: "a single event", "a batch". */
  describeLimit: string;
}

/**
 * Reads a request body as JSON whatever its Content-Type (SDKs send application/json or, from
 * browsers, text/plain), inflating `Content-Encoding: gzip | deflate | br` and PostHog's
 * `?compression=gzip-js`. Sizes are checked while reading and while inflating, so neither a huge body
 * nor a small zip bomb is held in memory. @throws RequestBodyError
 */
export async function readJsonBody(request: IncomingMessage, options: ReadJsonBodyOptions): Promise<unknown> {
  const encoding = encodingOf(request);
  const decompress = encoding === 'identity' ? undefined : DECOMPRESS[encoding];
  if (encoding !== 'identity' && !decompress) {
    throw new RequestBodyError(
      'unsupported_encoding',
      `Content-Encoding "${encoding}" is not supported: send the body as is, or gzip, deflate or br.`,
    );
  }
  const sent = await readAtMost(request, options);
  let bytes = sent;
  if (decompress) {
    try {
      bytes = await decompress(sent, { maxOutputLength: options.maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(options);
      throw new RequestBodyError('malformed_json', `the request body is not valid ${encoding} data: ${(error as Error).message}`);
    }
  }
  return parseJson(bytes);
}

function encodingOf(request: IncomingMessage): string {
  const header = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase() || 'identity';
  if (header !== 'identity') return header;
  // posthog-js gzips in the browser and says so in the query string, not in a header.
  const compression = new URL(request.url ?? '/', 'http://localhost').searchParams.get('compression');
  return compression === 'gzip-js' || compression === 'gzip' ? 'gzip' : 'identity';
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

function parseJson(bytes: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RequestBodyError('malformed_json', 'the request body is not valid UTF-8');
  }
  if (text.trim() === '') throw new RequestBodyError('empty_body', 'the request body is empty: send a JSON object or array');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestBodyError('malformed_json', `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(options: ReadJsonBodyOptions, extra: { closeConnection?: boolean } = {}): RequestBodyError {
  return new RequestBodyError(
    'payload_too_large',
    `the request body is larger than ${options.maxBytes} bytes, the limit for ${options.describeLimit}`,
    extra,
  );
}
