import { logLevel, type logCreator } from 'kafkajs';
import { logError, type MessagingLogger } from '../messaging-logger';

/** Routes kafkajs's logs into a Nest-style logger, with the kafkajs namespace as the context. */
export function createKafkaLogCreator(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const {
        message,
        timestamp: _timestamp,
        logger: _logger,
        stack,
        ...details
      } = log;
      const text =
        Object.keys(details).length > 0
          ? `${message} ${describeDetails(details)}`
          : String(message);
      const context = namespace ? `kafkajs:${namespace}` : 'kafkajs';
      switch (
        isRetriedErrorResponse(namespace, level, String(message))
          ? logLevel.WARN
          : level
      ) {
        case logLevel.ERROR:
        case logLevel.NOTHING:
          logError(
            logger,
            text,
            context,
            typeof stack === 'string' ? stack : undefined,
          );
          break;
        case logLevel.WARN:
          logger.warn(text, context);
          break;
        case logLevel.INFO:
          logger.log(text, context);
          break;
        default:
          logger.debug?.(text, context);
      }
    };
}

/**
 * kafkajs's Connection logs every error response from a broker at ERROR ("Response Fetch(key: 1…"),
 * including the retriable ones it then retries (coordinator loading, topic already exists…). Those are
 * warnings: when the retries run out, the operation itself fails and its caller reports the error.
 */
function isRetriedErrorResponse(
  namespace: string,
  level: logLevel,
  message: string,
): boolean {
  return (
    level === logLevel.ERROR &&
    namespace === 'Connection' &&
    message.startsWith('Response ')
  );
}

function describeDetails(details: Record<string, unknown>): string {
  try {
    // kafkajs puts Error objects in its details; JSON would render them as {}.
    return JSON.stringify(details, (_key, value: unknown) =>
      value instanceof Error ? value.message : value,
    );
  } catch {
    return '[details not serialisable]';
  }
}
