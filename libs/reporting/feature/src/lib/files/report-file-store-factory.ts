import { S3Client } from '@aws-sdk/client-s3';
import type { Environment } from '@pulse/config';
import { DirectoryFileStore } from './directory-file-store';
import { S3FileStore } from './s3-file-store';
import type { ReportFileStore } from './report-file-store';
import { loadReportingS3Config } from './reporting-s3-config';
import { loadReportsDirectory } from './reporting-files-config';

/** The one place the file store is chosen: the S3 bucket when `REPORTS_S3_BUCKET` is set, else the directory. */
export function reportFileStoreFromEnvironment(env: Environment = process.env): ReportFileStore {
  const s3 = loadReportingS3Config(env);
  if (!s3) return new DirectoryFileStore(loadReportsDirectory(env));
  const client = new S3Client({
    region: s3.region,
    endpoint: s3.endpoint,
    credentials: s3.credentials,
    forcePathStyle: s3.forcePathStyle,
  });
  return new S3FileStore(client, s3.bucket);
}
