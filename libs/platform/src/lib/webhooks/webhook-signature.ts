import { createHmac, randomBytes } from 'node:crypto';

/** The header a receiver checks: `sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook owner's secret>`. */
export const SIGNATURE_HEADER = 'x-pulse-signature';

export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** 192 random bits, URL-safe: the key a webhook (an alert rule's, a report schedule's) is signed with. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}
