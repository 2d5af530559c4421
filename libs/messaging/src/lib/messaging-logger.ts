import type { LoggerService } from '@nestjs/common';

/**
 * The slice of Nest's LoggerService the buses write to: pass a Nest `Logger` (or any object
 * with these methods). `debug` is optional, as in LoggerService.
 */
export type MessagingLogger = Pick<LoggerService, 'log' | 'warn' | 'error'> &
  Partial<Pick<LoggerService, 'debug'>>;

/**
 * Logs an error the way Nest's ConsoleLogger expects (`message, stack?, context`): passing an
 * undefined stack would make it print "undefined" as a second message.
 */
export function logError(
  logger: MessagingLogger,
  message: string,
  context: string,
  stack?: string,
): void {
  if (stack) logger.error(message, stack, context);
  else logger.error(message, context);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
