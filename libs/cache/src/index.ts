export * from './lib/cache-store';
