export * from './lib/cache-store';
export * from './lib/cache-script';
export * from './lib/memory-cache-store';
export * from './lib/redis-cache-store';
