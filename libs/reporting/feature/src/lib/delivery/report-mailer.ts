import { createTransport, type Transporter } from 'nodemailer';
import type { Readable } from 'node:stream';
import type { ReportingMailConfig } from './reporting-mail-config';

/** One scheduled report's email: an HTML summary, the run's file attached. */
export interface ReportEmail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  attachment: { fileName: string; contentType: string; content: Readable };
}

/** Sends report emails; answers the SMTP server's reply (`250 OK: queued as …`). */
export interface ReportMailer {
  send(email: ReportEmail): Promise<string>;
  close(): void;
}

export const REPORT_MAILER = Symbol('REPORT_MAILER');

/** nodemailer over `SMTP_URL`, one pooled transport per replica. */
export class SmtpReportMailer implements ReportMailer {
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly config: ReportingMailConfig,
    timeoutMs: number,
  ) {
    this.transport = config.smtpUrl
      ? createTransport({ url: config.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs })
      : undefined;
  }

  async send(email: ReportEmail): Promise<string> {
    if (!this.transport) throw new Error('SMTP_URL is not set: the reporting service cannot send email');
    const info = await this.transport.sendMail({
      from: this.config.from,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      attachments: [
        {
          filename: email.attachment.fileName,
          contentType: email.attachment.contentType,
          content: email.attachment.content,
        },
      ],
    });
    return String(info.response ?? 'sent');
  }

  close(): void {
    this.transport?.close();
  }
}
