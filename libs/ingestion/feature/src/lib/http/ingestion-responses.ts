import { BadRequestException, HttpStatus, PayloadTooLargeException } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { isIsoTimestampWithOffset, summarizeIssues, type ValidationIssue } from '@pulse/contracts';
import type { IngestionResult } from '../ingestion.service';

export class ValidationIssueResponse {
  @ApiProperty({ example: 'properties.revenue', description: 'Path of the field, in the sender\'s own field names' })
  field!: string;
  @ApiProperty({ example: 'isNumber', description: 'The rule it broke' })
  rule!: string;
  @ApiProperty({ example: 'properties.revenue must be a number' })
  message!: string;
}

export class RejectedEventResponse {
  @ApiProperty({ example: 2, description: 'Position of the event in the request' })
  index!: number;
  @ApiProperty({ type: [ValidationIssueResponse] })
  errors!: ValidationIssueResponse[];
}

export class EventAcceptedResponse {
  @ApiProperty({ example: 1 })
  accepted!: 1;
  @ApiProperty({ example: '3f0c7a2e-8d4b-4c55-9d7e-1b2a3c4d5e6f', description: 'The client\'s id, or the one Pulse assigned' })
  eventId!: string;
}

export class BatchAcceptedResponse {
  @ApiProperty({ example: 2, description: 'Events acknowledged by the message bus' })
  accepted!: number;
  @ApiProperty({ type: [RejectedEventResponse], description: 'Events refused, each with every rule it broke' })
  rejected!: RejectedEventResponse[];
}

export class ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;
  @ApiProperty({ example: 'Bad Request' })
  error!: string;
  @ApiProperty({ example: 'the request body is not valid JSON: Unexpected token } in JSON at position 12' })
  message!: string;
}

/** 202 for one event, or the 400/413 that says why it was refused. */
export function singleEventAnswer(result: IngestionResult): EventAcceptedResponse {
  const [rejected] = result.rejected;
  const [eventId] = result.eventIds;
  if (rejected) throw rejectionOf(rejected.reason === 'too_large' ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST, rejected.errors);
  if (eventId === undefined) throw new Error('an accepted event has no id');
  return { accepted: 1, eventId };
}

/** 202 with every rejected index when at least one event was accepted; 400 when none was. */
export function batchAnswer(result: IngestionResult): BatchAcceptedResponse {
  const rejected = result.rejected.map(({ index, errors }) => ({ index, errors }));
  if (result.eventIds.length === 0 && rejected.length > 0) {
    throw new BadRequestException({
      statusCode: HttpStatus.BAD_REQUEST,
      error: 'Bad Request',
      message: `none of the ${rejected.length} events was accepted: ${summarizeIssues(rejected.flatMap((event) => event.errors.slice(0, 1)).slice(0, 3))}`,
      accepted: 0,
      rejected,
    });
  }
  return { accepted: result.eventIds.length, rejected };
}

/** A request whose shape is wrong before any event could be read (not an array, empty…). */
export function badRequest(field: string, rule: string, message: string): BadRequestException {
  return rejectionOf(HttpStatus.BAD_REQUEST, [{ field, rule, message }]) as BadRequestException;
}

/** A batch-level send time (`sentAt`, PostHog `sent_at`): absent, or a valid timestamp for every event. */
export function batchSentAtOf(value: unknown, field: string): string | undefined {
  if (value == null) return undefined;
  if (!isIsoTimestampWithOffset(value)) {
    throw badRequest(field, 'isTimestamp', `${field} must be an ISO-8601 date-time with a time-zone offset`);
  }
  return value;
}

function rejectionOf(status: HttpStatus, errors: ValidationIssue[]): BadRequestException | PayloadTooLargeException {
  const body = {
    statusCode: status,
    error: status === HttpStatus.PAYLOAD_TOO_LARGE ? 'Payload Too Large' : 'Bad Request',
    message: summarizeIssues(errors),
    errors,
  };
  return status === HttpStatus.PAYLOAD_TOO_LARGE ? new PayloadTooLargeException(body) : new BadRequestException(body);
}
