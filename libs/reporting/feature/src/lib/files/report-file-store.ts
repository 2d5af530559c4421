import type { Readable } from 'node:stream';

/**
 * Where generated report files live: a directory by default; or an S3-compatible bucket (S3FileStore).
 * Keys are the store's own (`<tenant>/<report>/<run>.<ext>`), never taken from a request.
 */
export interface ReportFileStore {
  /** Writes the chunks under `key`; the file becomes readable only once all were written (no half files). */
  write(key: string, chunks: AsyncIterable<string | Buffer>): Promise<{ size: number }>;
  read(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
}

export const REPORT_FILE_STORE = Symbol('REPORT_FILE_STORE');
