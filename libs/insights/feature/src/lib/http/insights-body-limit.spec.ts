import { MAX_ANALYZED_TEXT_BYTES } from '@pulse/analytics-core';
import { MAX_ANALYZED_MESSAGES } from '../ml/messages/message-analysis.dto';
import { DEFAULT_INSIGHTS_MAX_BODY_BYTES, loadInsightsMaxBodyBytes } from './insights-body-limit';

describe('the insights JSON body limit', () => {
  it('fits the largest message batch analysed in full: every message with the longest analysed text and the longest id', () => {
    const text = 'a'.repeat(MAX_ANALYZED_TEXT_BYTES);
    const id = 'i'.repeat(200);
    const body = JSON.stringify({ messages: Array.from({ length: MAX_ANALYZED_MESSAGES }, () => ({ id, text })) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(DEFAULT_INSIGHTS_MAX_BODY_BYTES);
    expect(loadInsightsMaxBodyBytes({})).toBe(DEFAULT_INSIGHTS_MAX_BODY_BYTES);
  });

  it('is read from INSIGHTS_MAX_BODY_BYTES, and a malformed value is refused naming it', () => {
    expect(loadInsightsMaxBodyBytes({ INSIGHTS_MAX_BODY_BYTES: '2097152' })).toBe(2_097_152);
    expect(() => loadInsightsMaxBodyBytes({ INSIGHTS_MAX_BODY_BYTES: '1kb' })).toThrow(/INSIGHTS_MAX_BODY_BYTES must be an integer/);
  });
});
