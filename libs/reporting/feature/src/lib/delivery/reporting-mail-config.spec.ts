import { ConfigValidationError } from '@pulse/config';
import { loadReportingMailConfig } from './reporting-mail-config';

describe('SMTP_URL and REPORTS_MAIL_FROM', () => {
  it('leaves email off without SMTP_URL and sends from reports@pulse.localhost by default', () => {
    expect(loadReportingMailConfig({})).toEqual({ smtpUrl: undefined, from: 'reports@pulse.localhost' });
  });

  it('takes an smtp:// or smtps:// URL and a sender address', () => {
    expect(loadReportingMailConfig({ SMTP_URL: 'smtps://user:pass@mail.example.com:465', REPORTS_MAIL_FROM: 'bi@example.com' })).toEqual({
      smtpUrl: 'smtps://user:pass@mail.example.com:465',
      from: 'bi@example.com',
    });
  });

  it.each([
    [{ SMTP_URL: 'mail.example.com:25' }, /SMTP_URL must be a smtp:\/\/ or smtps:\/\/ URL/],
    [{ REPORTS_MAIL_FROM: 'reports' }, /REPORTS_MAIL_FROM must be an email address/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadReportingMailConfig(env)).toThrow(ConfigValidationError);
    expect(() => loadReportingMailConfig(env)).toThrow(message);
  });
});
