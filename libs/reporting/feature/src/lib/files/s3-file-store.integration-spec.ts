import { S3Client } from '@aws-sdk/client-s3';
import { REPORTING_STORE_SCHEMA } from '@pulse/reporting-data-access';
import { openStore, type Store } from '@pulse/storage';
import { createFreshDatabase, type FreshDatabase } from '@pulse/storage/testing';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import S3rver from 's3rver';
import { settledRun, startReportingApp } from '../../testing/reporting-app';
import type { ReportFileStore } from './report-file-store';
import { reportFileStoreFromEnvironment } from './report-file-store-factory';
import { S3_PART_BYTES, S3FileStore } from './s3-file-store';

const BUCKET = 'pulse-reports';

async function* chunksOf(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('S3FileStore against s3rver (an S3-compatible server started in the test)', () => {
  let s3rver: S3rver;
  let s3Directory: string;
  let store: ReportFileStore;
  let endpoint: string;

  beforeAll(async () => {
    s3Directory = await mkdtemp(join(tmpdir(), 'pulse-s3rver-'));
    s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Directory, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = (await s3rver.run()) as AddressInfo;
    endpoint = `http://127.0.0.1:${port}`;
    // Chosen by the environment, as the service chooses it.
    store = reportFileStoreFromEnvironment({
      REPORTS_S3_BUCKET: BUCKET,
      REPORTS_S3_ENDPOINT: endpoint,
      REPORTS_S3_REGION: 'us-east-1',
      REPORTS_S3_ACCESS_KEY_ID: 'S3RVER',
      REPORTS_S3_SECRET_ACCESS_KEY: 'S3RVER',
      REPORTS_S3_FORCE_PATH_STYLE: 'true',
    });
  });

  afterAll(async () => {
    await s3rver?.close();
    if (s3Directory) await rm(s3Directory, { recursive: true, force: true });
  });

  it('writes a small file in one PutObject and reads it back', async () => {
    async function* chunks() {
      yield 'a,b\n';
      yield Buffer.from('1,2\n');
    }
    expect(await store.write('t/r/small.csv', chunks())).toEqual({ size: 8 });
    expect((await buffer(await store.read('t/r/small.csv'))).toString()).toBe('a,b\n1,2\n');
  });

  it('uploads a file larger than a part in 5 MiB parts and reads back the same bytes', async () => {
    const data = randomBytes(2 * S3_PART_BYTES + 12_345); // three parts: 5 MiB, 5 MiB, the rest
    expect(await store.write('t/r/large.json', chunksOf(data, 700_001))).toEqual({ size: data.length });
    const back = await buffer(await store.read('t/r/large.json'));
    expect(back.length).toBe(data.length);
    expect(sha256(back)).toBe(sha256(data));
  });

  it('sends whole 5 MiB parts, also from one chunk larger than two parts, and one PutObject for a small file', async () => {
    // The same server through a client that records each command and its body length.
    const calls: Array<[string, number | undefined]> = [];
    const client = new S3Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, forcePathStyle: true });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        calls.push([String(context.commandName), (args.input as { ContentLength?: number }).ContentLength]);
        return next(args);
      },
      { step: 'initialize' },
    );
    const recorded = new S3FileStore(client, BUCKET);
    const data = randomBytes(2 * S3_PART_BYTES + 1);
    async function* oneChunk() {
      yield data;
    }
    expect(await recorded.write('t/r/one-chunk.json', oneChunk())).toEqual({ size: data.length });
    expect(calls).toEqual([
      ['CreateMultipartUploadCommand', undefined],
      ['UploadPartCommand', S3_PART_BYTES],
      ['UploadPartCommand', S3_PART_BYTES],
      ['UploadPartCommand', 1],
      ['CompleteMultipartUploadCommand', undefined],
    ]);
    expect(sha256(await buffer(await recorded.read('t/r/one-chunk.json')))).toBe(sha256(data));
    calls.length = 0;
    await recorded.write('t/r/small-recorded.csv', chunksOf(Buffer.from('a,b\n'), 2));
    expect(calls).toEqual([['PutObjectCommand', 4]]);
    client.destroy();
  });

  it('leaves no object when the chunks fail, before or after the first part', async () => {
    async function* failing(bytes: number) {
      yield* chunksOf(randomBytes(bytes), 1 << 20);
      throw new Error('section 3 failed');
    }
    await expect(store.write('t/r/small-failed.csv', failing(1_000))).rejects.toThrow('section 3 failed');
    await expect(store.write('t/r/large-failed.csv', failing(S3_PART_BYTES + 1))).rejects.toThrow('section 3 failed');
    await expect(store.read('t/r/small-failed.csv')).rejects.toThrow();
    await expect(store.read('t/r/large-failed.csv')).rejects.toThrow();
  });

  it('removes a file', async () => {
    await store.write('t/r/gone.csv', chunksOf(Buffer.from('x'), 1));
    await store.remove('t/r/gone.csv');
    await expect(store.read('t/r/gone.csv')).rejects.toThrow();
  });

  describe('behind the reporting service (PostgreSQL)', () => {
    let database: FreshDatabase;
    let pgStore: Store;
    let unusedDirectory: string;

    beforeAll(async () => {
      database = await createFreshDatabase('pulse_reports_s3_it');
      pgStore = await openStore({ kind: 'postgres', url: database.url, poolSize: 3 }, REPORTING_STORE_SCHEMA);
      unusedDirectory = await mkdtemp(join(tmpdir(), 'pulse-reports-s3-it-'));
    }, 60_000);

    afterAll(async () => {
      await pgStore?.close();
      await database?.drop();
      if (unusedDirectory) await rm(unusedDirectory, { recursive: true, force: true });
    });

    it('generates a run into the bucket and downloads it through GET …/download', async () => {
      const app = await startReportingApp(pgStore, unusedDirectory, { now: () => new Date('2026-04-01T10:00:00Z') }, { files: store });
      try {
        const tenant = await app.createTenant({ timeZone: 'Europe/Berlin', currency: 'EUR' });
        const report = (await app.call('POST', '/v1/reports', tenant.secretKey, { name: 'Weekly', type: 'executive_summary', format: 'json', period: 'last_7_days' })).body;
        const queued = (await app.call('POST', `/v1/reports/${report.id}/generate`, tenant.secretKey)).body;
        const run = await settledRun(app, tenant.secretKey, report.id, queued.id);
        expect(run.status).toBe('completed');
        const download = await fetch(`${app.url}/v1/reports/${report.id}/runs/${run.id}/download`, { headers: { authorization: `Bearer ${tenant.secretKey}` } });
        expect(download.headers.get('content-disposition')).toBe('attachment; filename="weekly_2026-03-25_2026-03-31.json"');
        const body = Buffer.from(await download.arrayBuffer());
        // The object in the bucket, read straight from S3, is what was downloaded; the directory was never used.
        const object = await buffer(await store.read(`${tenant.id}/${report.id}/${run.id}.json`));
        expect(body.equals(object)).toBe(true);
        expect(body.length).toBe(run.fileSize);
        expect(JSON.parse(body.toString()).report).toEqual({ id: report.id, runId: run.id, name: 'Weekly', type: 'executive_summary' });
        expect(await readdir(unusedDirectory)).toEqual([]);
      } finally {
        await app.stop();
      }
    });
  });
});
