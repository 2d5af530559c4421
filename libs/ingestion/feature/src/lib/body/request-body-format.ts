import type { IncomingMessage } from 'node:http';

/** What a request says about how its body is encoded: headers and PostHog's `?compression=`. */
export interface RequestBodyFormat {
  /** `Content-Encoding`, lowercase; `identity` when absent. */
  contentEncoding: string;
  /** The media type of `Content-Type`, lowercase and without parameters; '' when absent. */
  mediaType: string;
  /** PostHog's `?compression=` (`gzip-js`, `base64`…), lowercase; '' when absent. */
  compression: string;
}

export function requestBodyFormatOf(request: Pick<IncomingMessage, 'headers' | 'url'>): RequestBodyFormat {
  const contentEncoding = (request.headers['content-encoding'] ?? '').trim().toLowerCase() || 'identity';
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const compression = (new URL(request.url ?? '/', 'http://localhost').searchParams.get('compression') ?? '').trim().toLowerCase();
  return { contentEncoding, mediaType, compression };
}
