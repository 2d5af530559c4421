import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, type ZlibOptions } from 'node:zlib';
import type { RequestBodyFormat } from './request-body-format';
import { RequestBodyError } from './request-body-error';

const DECOMPRESS: Record<string, (buffer: Buffer, options: ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress) as (buffer: Buffer, options: ZlibOptions) => Promise<Buffer>,
};

/** Every gzip stream starts with these two bytes (RFC 1952). */
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** PostHog's `compression` values read here; gzip itself is found by its magic bytes. */
const KNOWN_COMPRESSIONS: ReadonlySet<string> = new Set(['', 'gzip-js', 'gzip', 'base64']);

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

export interface BodyLimit {
  /** Limit of the body as sent and, when compressed, after decompression. */
  maxBytes: number;
  /** Names the limit in the 413 message: "a single event", "a batch". */
  describeLimit: string;
}

/**
 * Turns a request body, as the SDKs send it, into JSON. What it understands:
 * - `Content-Encoding: gzip | deflate | br`;
 * - gzip without any header, known by its magic bytes: posthog-js posts gzipped batches as
 *   text/plain with neither Content-Encoding nor (since it stopped adding it) `?compression=gzip-js`;
 * - PostHog's form body `data=<payload>` (its sendBeacon fallback), with the payload as JSON or as
 *   base64 of JSON (`?compression=base64`, or a `compression` form field);
 * - any Content-Type: browsers send text/plain, sendBeacon a Blob's or a form's type.
 * Decoding only shrinks a body after decompression, whose output is capped at the limit.
 * @throws RequestBodyError
 */
export async function decodeJsonBody(sent: Buffer, format: RequestBodyFormat, limit: BodyLimit): Promise<unknown> {
  const inflated = await decompressed(sent, format.contentEncoding, limit);
  const text = utf8(inflated, 'the request body');
  const form = isForm(format, text) ? formPayloadOf(text, format.compression) : undefined;
  const compression = form?.compression ?? format.compression;
  const payload = form?.data ?? text;
  if (!KNOWN_COMPRESSIONS.has(compression)) throw unsupportedCompression(compression);
  // Base64 never starts with { or [: form data that does not is base64 even when nothing says so.
  if (compression === 'base64' || (form !== undefined && !looksLikeJson(payload))) return parseJson(fromBase64(payload));
  return parseJson(payload);
}

async function decompressed(sent: Buffer, contentEncoding: string, limit: BodyLimit): Promise<Buffer> {
  const isGzip = sent.subarray(0, 2).equals(GZIP_MAGIC);
  const encoding = contentEncoding !== 'identity' ? contentEncoding : isGzip ? 'gzip' : undefined;
  if (encoding === undefined) return sent;
  const decompress = DECOMPRESS[encoding];
  if (!decompress) {
    throw new RequestBodyError(
      'unsupported_encoding',
      `Content-Encoding "${encoding}" is not supported: send the body as is, or gzip, deflate or br.`,
    );
  }
  try {
    return await decompress(sent, { maxOutputLength: limit.maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    throw new RequestBodyError('malformed_json', `the request body is not valid ${encoding} data: ${(error as Error).message}`);
  }
}

function isForm(format: RequestBodyFormat, text: string): boolean {
  return format.mediaType === FORM_MEDIA_TYPE || text.startsWith('data=');
}

/** PostHog's `data=<payload>[&compression=…]`; the query's `compression` applies when the form has none. */
function formPayloadOf(text: string, queryCompression: string): { data: string; compression: string } {
  const fields = new URLSearchParams(text);
  const data = fields.get('data');
  if (data === null) {
    throw new RequestBodyError('malformed_json', 'a form-encoded body must carry the events in its data field (data=<JSON or base64 of JSON>)');
  }
  return { data, compression: (fields.get('compression') ?? queryCompression).trim().toLowerCase() };
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

/**
 * Standard or URL-safe base64, padding optional. A `+` sent unescaped in a form arrives as a space,
 * so spaces are read as `+`; line breaks are ignored.
 */
function fromBase64(payload: string): string {
  const normalized = payload.replace(/[\r\n]/g, '').replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalized) || normalized.replace(/=+$/, '').length % 4 === 1) {
    throw new RequestBodyError('malformed_json', 'the request body is neither JSON nor valid base64 of JSON');
  }
  return utf8(Buffer.from(normalized, 'base64'), 'the base64-decoded body');
}

function utf8(bytes: Buffer, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RequestBodyError('malformed_json', `${what} is not valid UTF-8`);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw new RequestBodyError('empty_body', 'the request body is empty: send a JSON object or array');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestBodyError('malformed_json', `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

function unsupportedCompression(compression: string): RequestBodyError {
  return new RequestBodyError(
    'unsupported_encoding',
    `compression "${compression}" is not supported: send the body as JSON, gzip (compression=gzip-js) or base64 (compression=base64).`,
  );
}

export function tooLarge(limit: BodyLimit, extra: { closeConnection?: boolean } = {}): RequestBodyError {
  return new RequestBodyError(
    'payload_too_large',
    `the request body is larger than ${limit.maxBytes} bytes, the limit for ${limit.describeLimit}`,
    extra,
  );
}
