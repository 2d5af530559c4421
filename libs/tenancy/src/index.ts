export * from './lib/api-keys';
