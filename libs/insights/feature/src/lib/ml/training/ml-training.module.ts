import { Module } from '@nestjs/common';
import { MlClock } from './ml-clock';
import { NightlyClaims } from './nightly-claims';

/** One clock and one claim register for every model of the service. */
@Module({ providers: [MlClock, NightlyClaims], exports: [MlClock, NightlyClaims] })
export class MlTrainingModule {}
