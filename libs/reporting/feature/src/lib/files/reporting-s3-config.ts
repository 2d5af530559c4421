import { IsOneOf, IsUrlWithScheme, loadConfig, type Environment } from '@pulse/config';
import { IsOptional, Matches, ValidateIf } from 'class-validator';

class ReportingS3Environment {
  /** Set: report files go to this bucket instead of REPORTS_DIRECTORY. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: '$property must be an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)',
  })
  REPORTS_S3_BUCKET?: string;

  /** An S3-compatible server (MinIO, R2, Ceph…); unset: AWS. */
  @IsOptional()
  @IsUrlWithScheme(['http', 'https'])
  REPORTS_S3_ENDPOINT?: string;

  @Matches(/^[a-z0-9-]+$/, {
    message: '$property must be a region name such as eu-central-1',
  })
  REPORTS_S3_REGION = 'us-east-1';

  /** With the secret; both unset: the SDK's default chain (environment, profile, instance role). */
  @ValidateIf((environment: ReportingS3Environment) => environment.REPORTS_S3_SECRET_ACCESS_KEY !== undefined)
  @Matches(/^\S+$/, {
    message: '$property is required with REPORTS_S3_SECRET_ACCESS_KEY',
  })
  REPORTS_S3_ACCESS_KEY_ID?: string;

  @ValidateIf((environment: ReportingS3Environment) => environment.REPORTS_S3_ACCESS_KEY_ID !== undefined)
  @Matches(/^\S+$/, {
    message: '$property is required with REPORTS_S3_ACCESS_KEY_ID',
  })
  REPORTS_S3_SECRET_ACCESS_KEY?: string;

  /** `true` for servers that take the bucket in the path (`http://host/bucket/key`), as most S3-compatible ones do. */
  @IsOneOf(['true', 'false'])
  REPORTS_S3_FORCE_PATH_STYLE = 'false';
}

export interface ReportingS3Config {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
}

/** The bucket settings, or undefined when `REPORTS_S3_BUCKET` is unset (files then go to the directory). */
export function loadReportingS3Config(env: Environment = process.env): ReportingS3Config | undefined {
  const config = loadConfig(ReportingS3Environment, env);
  if (config.REPORTS_S3_BUCKET === undefined) return undefined;
  return {
    bucket: config.REPORTS_S3_BUCKET,
    endpoint: config.REPORTS_S3_ENDPOINT,
    region: config.REPORTS_S3_REGION,
    credentials:
      config.REPORTS_S3_ACCESS_KEY_ID && config.REPORTS_S3_SECRET_ACCESS_KEY
        ? {
            accessKeyId: config.REPORTS_S3_ACCESS_KEY_ID,
            secretAccessKey: config.REPORTS_S3_SECRET_ACCESS_KEY,
          }
        : undefined,
    forcePathStyle: config.REPORTS_S3_FORCE_PATH_STYLE === 'true',
  };
}
