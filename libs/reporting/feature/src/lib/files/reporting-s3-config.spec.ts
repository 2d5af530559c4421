import { ConfigValidationError } from '@pulse/config';
import { loadReportingS3Config } from './reporting-s3-config';

describe('REPORTS_S3_*', () => {
  it('is off without a bucket: files go to the directory', () => {
    expect(loadReportingS3Config({})).toBeUndefined();
  });

  it('reads a bucket on an S3-compatible server with path-style addressing and static keys', () => {
    expect(
      loadReportingS3Config({
        REPORTS_S3_BUCKET: 'pulse-reports',
        REPORTS_S3_ENDPOINT: 'http://minio:9000',
        REPORTS_S3_REGION: 'eu-central-1',
        REPORTS_S3_ACCESS_KEY_ID: 'AKIA1',
        REPORTS_S3_SECRET_ACCESS_KEY: 'secret',
        REPORTS_S3_FORCE_PATH_STYLE: 'TRUE',
      }),
    ).toEqual({
      bucket: 'pulse-reports',
      endpoint: 'http://minio:9000',
      region: 'eu-central-1',
      credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'secret' },
      forcePathStyle: true,
    });
  });

  it("leaves credentials to the SDK's default chain and AWS's endpoint when unset", () => {
    expect(loadReportingS3Config({ REPORTS_S3_BUCKET: 'pulse-reports' })).toEqual({
      bucket: 'pulse-reports',
      endpoint: undefined,
      region: 'us-east-1',
      credentials: undefined,
      forcePathStyle: false,
    });
  });

  it.each([
    [{ REPORTS_S3_BUCKET: 'Pulse_Reports' }, /REPORTS_S3_BUCKET must be an S3 bucket name/],
    [{ REPORTS_S3_BUCKET: 'pulse-reports', REPORTS_S3_ENDPOINT: 'minio:9000' }, /REPORTS_S3_ENDPOINT must be a http:\/\/ or https:\/\/ URL/],
    [{ REPORTS_S3_BUCKET: 'pulse-reports', REPORTS_S3_ACCESS_KEY_ID: 'AKIA1' }, /REPORTS_S3_SECRET_ACCESS_KEY is required with REPORTS_S3_ACCESS_KEY_ID/],
    [{ REPORTS_S3_BUCKET: 'pulse-reports', REPORTS_S3_FORCE_PATH_STYLE: 'yes' }, /REPORTS_S3_FORCE_PATH_STYLE must be one of true, false/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadReportingS3Config(env)).toThrow(ConfigValidationError);
    expect(() => loadReportingS3Config(env)).toThrow(message);
  });
});
