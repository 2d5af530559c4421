import { randomUUID } from 'node:crypto';

/** The two things ingestion must not take from globals in tests: the time, and new event ids. */
export interface IngestionClock {
  now(): Date;
  newEventId(): string;
}

export const INGESTION_CLOCK = Symbol('INGESTION_CLOCK');

export const SYSTEM_INGESTION_CLOCK: IngestionClock = {
  now: () => new Date(),
  newEventId: () => randomUUID(),
};
