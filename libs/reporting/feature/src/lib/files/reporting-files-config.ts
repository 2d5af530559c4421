import { loadConfig, type Environment } from '@pulse/config';
import { IsString, Matches } from 'class-validator';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

class ReportingFilesEnvironment {
  /** Where generated report files are kept; an absolute path (relative ones would follow the working directory). */
  @IsString()
  @Matches(/^(\/|[A-Za-z]:[\\/])/, { message: '$property must be an absolute path' })
  REPORTS_DIRECTORY = join(tmpdir(), 'pulse-reports');
}

/** `REPORTS_DIRECTORY`, or `<OS temp>/pulse-reports`; a relative path stops the service, naming the variable. */
export function loadReportsDirectory(env: Environment = process.env): string {
  return loadConfig(ReportingFilesEnvironment, env).REPORTS_DIRECTORY;
}
