// Test-only entry point: uses jest globals, so it is never exported from the library's main index.
export * from './message-bus.contract';
export * from './wait-until';
export * from './unique-name';
export * from './deferred';
