import { MAX_ANALYZED_TEXT_BYTES } from '@pulse/analytics-core';
import { IsIntegerInRange, loadConfig, type Environment } from '@pulse/config';
import { MAX_ANALYZED_MESSAGES } from '../ml/messages/message-analysis.dto';

/**
 * The largest batch `POST /v1/ml/messages/analyze` answers in full: its most messages, each with the
 * longest text still analysed and room for its id and the JSON around it (~33 MB).
 */
export const DEFAULT_INSIGHTS_MAX_BODY_BYTES = MAX_ANALYZED_MESSAGES * (MAX_ANALYZED_TEXT_BYTES + 1024);

class InsightsHttpEnvironment {
  /** Largest JSON request body; larger ones are answered 413. */
  @IsIntegerInRange(100 * 1024, 256 * 1024 * 1024)
  INSIGHTS_MAX_BODY_BYTES = DEFAULT_INSIGHTS_MAX_BODY_BYTES;
}

/** `INSIGHTS_MAX_BODY_BYTES`, or the default; a malformed value stops the service, naming it. */
export function loadInsightsMaxBodyBytes(env: Environment = process.env): number {
  return loadConfig(InsightsHttpEnvironment, env).INSIGHTS_MAX_BODY_BYTES;
}
