import { type ExecutionContext, HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedTenant } from '../authenticated-tenant';
import { TenantAuthService } from '../auth/tenant-auth.service';
import type { TenantKeyLookup } from '../auth/tenant-key-lookup';
import { hashApiKey } from '../api-keys';
import { ADMIN_API_DISABLED_MESSAGE, AdminTokenGuard, INVALID_ADMIN_TOKEN_MESSAGE, MISSING_ADMIN_TOKEN_MESSAGE } from './admin-token.guard';
import { tenantOfRequest } from './current-tenant.decorator';
import { RequireScope } from './required-scope';
import { INVALID_SECRET_KEY_MESSAGE, MISSING_SECRET_KEY_MESSAGE, SecretKeyGuard } from './secret-key.guard';
import type { TenantRequest } from './tenant-request';
import { INVALID_WRITE_KEY_MESSAGE, MISSING_WRITE_KEY_MESSAGE, WriteKeyGuard } from './write-key.guard';

const ACME: AuthenticatedTenant = { id: 't-acme', slug: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', currency: 'EUR' };

const lookup: TenantKeyLookup = {
  findByWriteKeyHash: async (keyHash) => (keyHash === hashApiKey('pwk_acme') ? { tenant: ACME } : null),
  findBySecretKeyHash: async (keyHash) => {
    if (keyHash === hashApiKey('psk_acme')) return { tenant: ACME, secretKey: { id: 'key-read', scopes: ['read'] } };
    if (keyHash === hashApiKey('psk_acme_manage')) return { tenant: ACME, secretKey: { id: 'key-manage', scopes: ['read', 'manage'] } };
    return null;
  },
};

/** Routes as Nest sees them: a controller class and its handlers, some needing the manage scope. */
class DashboardsRoutes {
  list(): void {
    return undefined;
  }

  @RequireScope('manage')
  create(): void {
    return undefined;
  }
}

function contextFor(request: TenantRequest, handler: keyof DashboardsRoutes = 'list'): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => DashboardsRoutes.prototype[handler],
    getClass: () => DashboardsRoutes,
  } as unknown as ExecutionContext;
}

/** The status and JSON body the guard's exception becomes. */
async function refusal(check: () => Promise<unknown> | unknown): Promise<{ status: number; body: unknown }> {
  try {
    await check();
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
  throw new Error('expected the guard to refuse');
}

describe('WriteKeyGuard', () => {
  const guard = new WriteKeyGuard(new TenantAuthService(lookup));

  it('lets a valid write key through and attaches its tenant to the request', async () => {
    const request: TenantRequest = { headers: { authorization: 'Bearer pwk_acme' } };

    expect(await guard.canActivate(contextFor(request))).toBe(true);
    expect(tenantOfRequest(request)).toEqual(ACME);
  });

  it('accepts the key as a Segment Basic user and as a PostHog api_key', async () => {
    const basic = `Basic ${Buffer.from('pwk_acme:').toString('base64')}`;

    expect(await guard.canActivate(contextFor({ headers: { authorization: basic } }))).toBe(true);
    expect(await guard.canActivate(contextFor({ headers: {}, body: { api_key: 'pwk_acme', event: 'x' } }))).toBe(true);
  });

  it('answers 401 saying where to put the key when there is none', async () => {
    expect(await refusal(() => guard.canActivate(contextFor({ headers: {} })))).toEqual({
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: MISSING_WRITE_KEY_MESSAGE },
    });
  });

  it('answers 401 for an unknown key without saying whether any tenant matched', async () => {
    expect(await refusal(() => guard.canActivate(contextFor({ headers: { authorization: 'Bearer pwk_nope' } })))).toEqual({
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: INVALID_WRITE_KEY_MESSAGE },
    });
  });

  it('tells a client that sent a secret key instead of a write key', async () => {
    const answer = await refusal(() => guard.canActivate(contextFor({ headers: { authorization: 'Bearer psk_acme' } })));

    expect(answer).toMatchObject({ status: 401, body: { message: expect.stringContaining('secret key') } });
  });
});

describe('SecretKeyGuard', () => {
  const guard = new SecretKeyGuard(new TenantAuthService(lookup), new Reflector());

  it('lets an active secret key through and attaches its tenant and key', async () => {
    const request: TenantRequest = { headers: { authorization: 'Bearer psk_acme' } };

    expect(await guard.canActivate(contextFor(request))).toBe(true);
    expect(request.pulseTenant).toEqual(ACME);
    expect(request.pulseSecretKey).toEqual({ id: 'key-read', scopes: ['read'] });
  });

  it('answers 403 naming the missing scope when a read-only key calls a manage route', async () => {
    const request: TenantRequest = { headers: { authorization: 'Bearer psk_acme' } };

    expect(await refusal(() => guard.canActivate(contextFor(request, 'create')))).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: expect.stringContaining('"manage" scope'), requiredScope: 'manage' },
    });
    expect(request.pulseTenant).toBeUndefined();
  });

  it('lets a manage key through both kinds of route', async () => {
    const request = (): TenantRequest => ({ headers: { authorization: 'Bearer psk_acme_manage' } });

    expect(await guard.canActivate(contextFor(request(), 'create'))).toBe(true);
    expect(await guard.canActivate(contextFor(request(), 'list'))).toBe(true);
  });

  it('answers 401 when no bearer token is sent, or an unknown one', async () => {
    expect(await refusal(() => guard.canActivate(contextFor({ headers: {} })))).toMatchObject({
      status: 401,
      body: { message: MISSING_SECRET_KEY_MESSAGE },
    });
    expect(await refusal(() => guard.canActivate(contextFor({ headers: { authorization: 'Bearer psk_nope' } })))).toMatchObject({
      status: 401,
      body: { message: INVALID_SECRET_KEY_MESSAGE },
    });
  });

  it('refuses a write key, saying queries need a secret key', async () => {
    const answer = await refusal(() => guard.canActivate(contextFor({ headers: { authorization: 'Bearer pwk_acme' } })));

    expect(answer).toMatchObject({ status: 401, body: { message: expect.stringContaining('secret key (psk_') } });
  });
});

describe('AdminTokenGuard', () => {
  const token = 'admin-token-0123456789';
  const guard = new AdminTokenGuard({ adminToken: token });

  it('lets the configured token through', () => {
    expect(guard.canActivate(contextFor({ headers: { authorization: `Bearer ${token}` } }))).toBe(true);
  });

  it('answers 401 for a missing token and for a wrong one, including a prefix of the right one', async () => {
    expect(await refusal(() => guard.canActivate(contextFor({ headers: {} })))).toMatchObject({
      status: 401,
      body: { message: MISSING_ADMIN_TOKEN_MESSAGE },
    });
    for (const wrong of ['admin-token-012345678', `${token}x`, 'something-else-entirely']) {
      expect(await refusal(() => guard.canActivate(contextFor({ headers: { authorization: `Bearer ${wrong}` } })))).toMatchObject({
        status: 401,
        body: { message: INVALID_ADMIN_TOKEN_MESSAGE },
      });
    }
  });

  it('answers 503 to everyone, saying how to enable it, when no admin token is configured', async () => {
    const disabled = new AdminTokenGuard({});

    expect(await refusal(() => disabled.canActivate(contextFor({ headers: { authorization: 'Bearer anything' } })))).toEqual({
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable', message: ADMIN_API_DISABLED_MESSAGE },
    });
  });
});

describe('@CurrentTenant()', () => {
  it('fails loudly when a route reads the tenant without a key guard', () => {
    expect(() => tenantOfRequest({ headers: {} })).toThrow('@CurrentTenant() needs WriteKeyGuard or SecretKeyGuard on the route');
  });
});
