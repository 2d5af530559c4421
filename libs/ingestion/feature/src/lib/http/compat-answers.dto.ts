import { ApiProperty } from '@nestjs/swagger';

/**
 * What PostHog's capture API answers: `200 { status: 1 }`. Exactly that, because posthog-js sends a
 * batch again on any other status (a 202 included) and scripts written against PostHog read this body.
 */
export class PostHogCaptureAnswer {
  @ApiProperty({ example: 1, enum: [1] })
  status!: 1;
}

/** What Segment's tracking API answers: `200 { success: true }`. */
export class SegmentAnswer {
  @ApiProperty({ example: true, enum: [true] })
  success!: true;
}

export const POSTHOG_CAPTURE_ANSWER: PostHogCaptureAnswer = { status: 1 };
export const SEGMENT_ANSWER: SegmentAnswer = { success: true };
