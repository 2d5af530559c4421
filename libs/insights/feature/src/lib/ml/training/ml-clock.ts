import { Injectable } from '@nestjs/common';

/**
 * Where training and scoring read "now" from: the churn cut, the nightly schedule. One instance per service,
 * so a test can move time (`jest.spyOn(clock, 'now')`) instead of waiting for it.
 */
@Injectable()
export class MlClock {
  now(): Date {
    return new Date();
  }
}
