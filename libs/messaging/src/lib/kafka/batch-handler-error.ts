import { KafkaJSError } from 'kafkajs';
import { errorMessage } from '../messaging-logger';

/**
 * Wraps whatever the batch handler (or the dead-lettering after it) threw. kafkajs only retries and
 * restarts a consumer for errors it deems retriable: a handler's TypeError, RangeError or any
 * `retriable: false` error would otherwise stop the consumer for good, silently.
 */
export class BatchHandlerError extends KafkaJSError {
  override readonly name = 'BatchHandlerError';
  override readonly cause?: Error;

  constructor(cause: unknown) {
    super(errorMessage(cause), { retriable: true });
    this.cause = cause instanceof Error ? cause : undefined;
  }
}
