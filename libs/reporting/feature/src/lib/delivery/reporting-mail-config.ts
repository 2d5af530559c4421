import { IsUrlWithScheme, loadConfig, type Environment } from '@pulse/config';
import { IsEmail, IsOptional } from 'class-validator';

class ReportingMailEnvironment {
  /** Where scheduled reports are emailed through: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  @IsOptional()
  @IsUrlWithScheme(['smtp', 'smtps'])
  SMTP_URL?: string;

  /** The sender of scheduled reports. */
  @IsEmail({}, { message: '$property must be an email address' })
  REPORTS_MAIL_FROM = 'reports@pulse.localhost';
}

export interface ReportingMailConfig {
  /** Unset: email deliveries fail with "SMTP_URL is not set" (webhooks still work). */
  smtpUrl: string | undefined;
  from: string;
}

/** `SMTP_URL` (optional, smtp:// or smtps://) and `REPORTS_MAIL_FROM`; a bad value stops the service, naming the variable. */
export function loadReportingMailConfig(env: Environment = process.env): ReportingMailConfig {
  const config = loadConfig(ReportingMailEnvironment, env);
  return { smtpUrl: config.SMTP_URL, from: config.REPORTS_MAIL_FROM };
}
