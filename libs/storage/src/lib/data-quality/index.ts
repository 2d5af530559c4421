export { planDataQualityCounts, withoutIndexes } from './data-quality-counts';
export type { CountedEvent, DataQualityCount, DataQualityOutcome } from './data-quality-counts';
export { DataQualityCountersRepository } from './data-quality-counters.repository';
export type { DataQualityCounterRow } from './data-quality-counters.repository';
export { QuarantineRepository } from './quarantine.repository';
export type {
  NewQuarantinedEvent,
  QuarantineBounds,
  QuarantinedEvent,
  QuarantineStage,
  QuarantineStatus,
} from './quarantine.repository';
export { PropertyMappingRepository } from './property-mapping.repository';
export type { StoredPropertyMapping } from './property-mapping.repository';
export { SkippedValuesQueries } from './skipped-values.queries';
export type { SkippedValueCount, SkippedValuesScope } from './skipped-values.queries';
export { LateArrivalsQuery } from './late-arrivals.query';
