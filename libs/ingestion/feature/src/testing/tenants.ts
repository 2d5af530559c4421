import { randomBytes } from 'node:crypto';
import { ADMIN_TOKEN } from './ingestion-app';
import { bearer, send } from './http-client';

export interface TestTenant {
  id: string;
  slug: string;
  writeKey: string;
  secretKey: string;
  secretKeyId: string;
}

/** Creates a tenant through the admin API, as an operator would; its secret key may manage (replay quarantined events). */
export async function createTenant(
  url: string,
  profile: { timeZone?: string; currency?: string; schemaPolicy?: 'lenient' | 'strict' } = {},
): Promise<TestTenant> {
  const slug = `it-${randomBytes(5).toString('hex')}`;
  const answer = await send(`${url}/v1/admin/tenants`, {
    headers: bearer(ADMIN_TOKEN),
    json: {
      slug,
      name: `Tenant ${slug}`,
      timeZone: profile.timeZone ?? 'Europe/Berlin',
      currency: profile.currency ?? 'EUR',
      ...(profile.schemaPolicy ? { schemaPolicy: profile.schemaPolicy } : {}),
      secretKeyScopes: ['manage'],
    },
  });
  if (answer.status !== 201) throw new Error(`creating a tenant answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return {
    id: answer.body.tenant.id,
    slug,
    writeKey: answer.body.writeKey,
    secretKey: answer.body.secretKey.key,
    secretKeyId: answer.body.secretKey.id,
  };
}
