export * from './lib/topics';
