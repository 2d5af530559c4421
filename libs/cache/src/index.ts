export * from './lib/cache-store';
export * from './lib/memory-cache-store';
export * from './lib/redis-cache-store';
