import { decodeLiveStateNotice, encodeLiveStateNotice } from './live-state-notice';

describe('live state notice', () => {
  it('decodes what it encodes', () => {
    const notice = { schemaVersion: 1 as const, tenantId: 't1', events: 3, at: '2026-03-01T10:00:00.000Z' };
    expect(decodeLiveStateNotice(encodeLiveStateNotice(notice))).toEqual({ ok: true, notice });
  });

  it('names what is wrong instead of throwing', () => {
    expect(decodeLiveStateNotice('nope')).toEqual({ ok: false, reason: 'not JSON' });
    expect(decodeLiveStateNotice(JSON.stringify({ schemaVersion: 1, tenantId: 't1', events: -1, at: '2026-03-01T10:00:00Z' }))).toEqual({
      ok: false,
      reason: 'events is not a count',
    });
  });
});
