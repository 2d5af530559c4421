import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import type { ReportFileStore } from './report-file-store';

/** S3's smallest part (all but the last): the most a write holds in memory. */
export const S3_PART_BYTES = 5 * 1024 * 1024;

/**
 * Report files in an S3-compatible bucket. A write buffers at most one 5 MiB part: a file that fits in
 * one part is a single `PutObject` with its length known; a larger one is a multipart upload, part by
 * part as the chunks come, completed at the end — so the object appears only whole, and a write that
 * fails aborts the upload and leaves nothing. (`@aws-sdk/lib-storage` is not installed; this is its
 * bounded-buffer scheme, in the few calls reports need.)
 */
export class S3FileStore implements ReportFileStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly partBytes = S3_PART_BYTES,
  ) {}

  async write(key: string, chunks: AsyncIterable<string | Buffer>): Promise<{ size: number }> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];
    const uploadPart = async (body: Buffer) => {
      uploadId ??= (await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key }))).UploadId;
      const PartNumber = parts.length + 1;
      const { ETag } = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber,
          Body: body,
          ContentLength: body.length,
        }),
      );
      parts.push({ ETag, PartNumber });
    };
    try {
      for await (const chunk of chunks) {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        pending.push(buffer);
        pendingBytes += buffer.length;
        size += buffer.length;
        while (pendingBytes >= this.partBytes) {
          const whole = Buffer.concat(pending);
          pending = [whole.subarray(this.partBytes)];
          pendingBytes = pending[0].length;
          await uploadPart(whole.subarray(0, this.partBytes));
        }
      }
      const rest = Buffer.concat(pending);
      if (uploadId === undefined) {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: rest,
            ContentLength: rest.length,
          }),
        );
      } else {
        if (rest.length > 0) await uploadPart(rest);
        await this.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        );
      }
    } catch (error) {
      if (uploadId !== undefined) {
        await this.client
          .send(
            new AbortMultipartUploadCommand({
              Bucket: this.bucket,
              Key: key,
              UploadId: uploadId,
            }),
          )
          .catch(() => undefined);
      }
      throw error;
    }
    return { size };
  }

  async read(key: string): Promise<Readable> {
    // A missing key fails here (NoSuchKey), before the response has started.
    const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!(Body instanceof Readable)) throw new Error(`S3 answered no stream for ${key}`);
    return Body;
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
