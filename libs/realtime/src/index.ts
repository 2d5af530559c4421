export * from './lib/live-state-keys';
export * from './lib/live-state-options';
export * from './lib/live-state-writer';
export * from './lib/live-state-reader';
export * from './lib/live-state.module';
export * from './lib/live-state-horizon';
export * from './lib/live-state-unavailable';
