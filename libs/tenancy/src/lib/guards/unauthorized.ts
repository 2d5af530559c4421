import { HttpStatus, UnauthorizedException } from '@nestjs/common';

/** 401 in Nest's JSON error shape (`statusCode`, `error`, `message`). */
export function unauthorized(message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: HttpStatus.UNAUTHORIZED, error: 'Unauthorized', message });
}
