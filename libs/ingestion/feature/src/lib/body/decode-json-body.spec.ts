import { brotliCompressSync, gzipSync } from 'node:zlib';
import { decodeJsonBody } from './decode-json-body';
import type { RequestBodyFormat } from './request-body-format';
import { RequestBodyError } from './request-body-error';

const LIMIT = { maxBytes: 200, describeLimit: 'a batch' };

function format(overrides: Partial<RequestBodyFormat> = {}): RequestBodyFormat {
  return { contentEncoding: 'identity', mediaType: 'text/plain', compression: '', ...overrides };
}

function decode(body: string | Buffer, overrides: Partial<RequestBodyFormat> = {}): Promise<unknown> {
  return decodeJsonBody(Buffer.from(body), format(overrides), LIMIT);
}

async function problemOf(promise: Promise<unknown>): Promise<{ problem: string; status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RequestBodyError) return { problem: error.problem, status: error.status, message: error.message };
    throw error;
  }
  throw new Error('expected a RequestBodyError');
}

/** `[{"event":"$pageview","distinct_id":"d-1"}]` in base64, as posthog-js's _base64Encode makes it. */
const PAGEVIEW_BASE64 = 'W3siZXZlbnQiOiIkcGFnZXZpZXciLCJkaXN0aW5jdF9pZCI6ImQtMSJ9XQ==';
const PAGEVIEW = [{ event: '$pageview', distinct_id: 'd-1' }];

describe('decodeJsonBody', () => {
  it('reads JSON as it is, whatever the content type', async () => {
    expect(await decode('{"a":1}', { mediaType: 'text/plain' })).toEqual({ a: 1 });
    expect(await decode('[1]', { mediaType: 'application/octet-stream' })).toEqual([1]);
  });

  it('inflates gzip known only by its magic bytes: posthog-js sends it as text/plain with no header and no ?compression', async () => {
    const gzipped = gzipSync('{"api_key":"pwk_1","batch":[]}');

    expect([gzipped[0], gzipped[1]]).toEqual([0x1f, 0x8b]);
    expect(await decodeJsonBody(gzipped, format(), LIMIT)).toEqual({ api_key: 'pwk_1', batch: [] });
  });

  it('still honours ?compression=gzip-js and Content-Encoding gzip or br', async () => {
    expect(await decodeJsonBody(gzipSync('[3]'), format({ compression: 'gzip-js' }), LIMIT)).toEqual([3]);
    expect(await decodeJsonBody(gzipSync('[4]'), format({ contentEncoding: 'gzip' }), LIMIT)).toEqual([4]);
    expect(await decodeJsonBody(brotliCompressSync('[5]'), format({ contentEncoding: 'br' }), LIMIT)).toEqual([5]);
  });

  it('reads a plain JSON body sent with ?compression=gzip-js (posthog-js when its own gzip failed)', async () => {
    expect(await decode('[6]', { compression: 'gzip-js' })).toEqual([6]);
  });

  it("decodes posthog-js's sendBeacon form: data=<base64 of JSON> with ?compression=base64", async () => {
    const body = `data=${encodeURIComponent(PAGEVIEW_BASE64)}`;

    expect(await decode(body, { mediaType: 'application/x-www-form-urlencoded', compression: 'base64' })).toEqual(PAGEVIEW);
  });

  it('decodes base64 data without a compression flag, and a compression field inside the form', async () => {
    expect(await decode(`data=${PAGEVIEW_BASE64}`, { mediaType: 'text/plain' })).toEqual(PAGEVIEW);
    expect(await decode(`compression=base64&data=${encodeURIComponent(PAGEVIEW_BASE64)}`, { mediaType: 'application/x-www-form-urlencoded' })).toEqual(
      PAGEVIEW,
    );
  });

  it('reads a + sent unescaped in form data (it arrives as a space) and URL-safe base64', async () => {
    // {"a":"~~>"} is eyJhIjoifn4+In0= in base64: the + must survive the form decoding.
    expect(await decode('data=eyJhIjoifn4+In0=', { mediaType: 'application/x-www-form-urlencoded' })).toEqual({ a: '~~>' });
    expect(await decode('data=eyJhIjoifn4-In0', { mediaType: 'application/x-www-form-urlencoded' })).toEqual({ a: '~~>' });
  });

  it('decodes base64 of UTF-8 text (posthog-js encodes the JSON as UTF-8 before base64)', async () => {
    // {"event":"café"}
    expect(await decode('data=eyJldmVudCI6ImNhZsOpIn0%3D', { compression: 'base64' })).toEqual({ event: 'café' });
  });

  it('reads form data that is URL-encoded JSON', async () => {
    const body = `data=${encodeURIComponent(JSON.stringify(PAGEVIEW))}`;

    expect(await decode(body, { mediaType: 'application/x-www-form-urlencoded' })).toEqual(PAGEVIEW);
  });

  it('decodes a gzipped form body (Content-Encoding over the form)', async () => {
    expect(await decodeJsonBody(gzipSync(`data=${PAGEVIEW_BASE64}`), format({ compression: 'base64' }), LIMIT)).toEqual(PAGEVIEW);
  });

  it('answers 400 for a form without data, and for data that is neither JSON nor base64', async () => {
    expect(await problemOf(decode('events=[1]', { mediaType: 'application/x-www-form-urlencoded' }))).toEqual({
      problem: 'malformed_json',
      status: 400,
      message: 'a form-encoded body must carry the events in its data field (data=<JSON or base64 of JSON>)',
    });
    expect(await problemOf(decode('data=not*base64', { compression: 'base64' }))).toEqual({
      problem: 'malformed_json',
      status: 400,
      message: 'the request body is neither JSON nor valid base64 of JSON',
    });
  });

  it('answers 415 for a compression it does not read: lz64 (posthog-js no longer sends it) or an unknown one', async () => {
    expect(await problemOf(decode('data=abc', { compression: 'lz64' }))).toMatchObject({ problem: 'unsupported_encoding', status: 415 });
    expect(await problemOf(decode('[1]', { compression: 'zstd' }))).toEqual({
      problem: 'unsupported_encoding',
      status: 415,
      message: 'compression "zstd" is not supported: send the body as JSON, gzip (compression=gzip-js) or base64 (compression=base64).',
    });
  });

  it('answers 413 for gzip found by its magic bytes that inflates past the limit', async () => {
    const bomb = gzipSync(`"${' '.repeat(10_000)}"`);

    expect(bomb.length).toBeLessThan(LIMIT.maxBytes);
    expect(await problemOf(decodeJsonBody(bomb, format(), LIMIT))).toMatchObject({ problem: 'payload_too_large', status: 413 });
  });

  it('answers 400 for bytes that are not UTF-8, and names the base64 layer when that is where they are', async () => {
    expect(await problemOf(decode(Buffer.from([0x7b, 0xff, 0x7d])))).toMatchObject({ message: 'the request body is not valid UTF-8' });
    // /w== is the single byte 0xff.
    expect(await problemOf(decode('data=/w==', { compression: 'base64' }))).toMatchObject({ message: 'the base64-decoded body is not valid UTF-8' });
  });

  it('answers empty_body for an empty payload inside a form', async () => {
    expect(await problemOf(decode('data=', { compression: 'base64' }))).toMatchObject({ problem: 'empty_body', status: 400 });
  });
});
