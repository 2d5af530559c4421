import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { readJsonBody } from './read-json-body';
import { RequestBodyError } from './request-body-error';

function request(body: string | Buffer, headers: Record<string, string> = {}, url = '/v1/events'): IncomingMessage {
  const stream = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
  return Object.assign(stream, { headers, url });
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

const LIMIT = { maxBytes: 100, describeLimit: 'a single event' };

describe('readJsonBody', () => {
  it('parses JSON whatever the content type says', async () => {
    expect(await readJsonBody(request('{"a":1}', { 'content-type': 'text/plain' }), LIMIT)).toEqual({ a: 1 });
  });

  it('inflates gzip, brotli and PostHog\'s ?compression=gzip-js', async () => {
    expect(await readJsonBody(request(gzipSync('[1]'), { 'content-encoding': 'gzip' }), LIMIT)).toEqual([1]);
    expect(await readJsonBody(request(brotliCompressSync('[2]'), { 'content-encoding': 'br' }), LIMIT)).toEqual([2]);
    expect(await readJsonBody(request(gzipSync('[3]'), {}, '/batch?compression=gzip-js'), LIMIT)).toEqual([3]);
  });

  it('reads the format from the request: a form content type with its charset and ?compression=base64 on a beacon URL', async () => {
    // [{"event":"x"}] in base64.
    const beacon = request('data=W3siZXZlbnQiOiJ4In1d', { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, '/e/?compression=base64&ver=1.449.2');

    expect(await readJsonBody(beacon, LIMIT)).toEqual([{ event: 'x' }]);
  });

  it('inflates a gzipped text/plain body that says nothing about its encoding', async () => {
    expect(await readJsonBody(request(gzipSync('{"b":2}'), { 'content-type': 'text/plain' }, '/e/?ver=1.449.2'), LIMIT)).toEqual({ b: 2 });
  });

  it('answers 400 for malformed JSON, saying where it broke', async () => {
    expect(await problemOf(readJsonBody(request('{"a":'), LIMIT))).toEqual({
      problem: 'malformed_json',
      status: 400,
      message: expect.stringMatching(/^the request body is not valid JSON: /),
    });
  });

  it('answers 400 for an empty body and for bytes that are not UTF-8', async () => {
    expect(await problemOf(readJsonBody(request('  '), LIMIT))).toMatchObject({ problem: 'empty_body', status: 400 });
    expect(await problemOf(readJsonBody(request(Buffer.from([0x7b, 0xff, 0x7d])), LIMIT))).toMatchObject({ problem: 'malformed_json' });
  });

  it('answers 413 for a body over the limit, as sent or as declared', async () => {
    expect(await problemOf(readJsonBody(request(`"${'x'.repeat(100)}"`), LIMIT))).toEqual({
      problem: 'payload_too_large',
      status: 413,
      message: 'the request body is larger than 100 bytes, the limit for a single event',
    });
    expect(await problemOf(readJsonBody(request('{}', { 'content-length': '101' }), LIMIT))).toMatchObject({ status: 413 });
  });

  it('answers 413 for a small compressed body that inflates past the limit', async () => {
    const bomb = gzipSync(`"${' '.repeat(10_000)}"`);

    expect(bomb.length).toBeLessThan(100);
    expect(await problemOf(readJsonBody(request(bomb, { 'content-encoding': 'gzip' }), LIMIT))).toMatchObject({ status: 413 });
  });

  it('answers 415 for an encoding it cannot read, 400 for a corrupt one', async () => {
    expect(await problemOf(readJsonBody(request('{}', { 'content-encoding': 'compress' }), LIMIT))).toMatchObject({ status: 415 });
    expect(await problemOf(readJsonBody(request('not gzip', { 'content-encoding': 'gzip' }), LIMIT))).toMatchObject({ status: 400 });
  });
});
