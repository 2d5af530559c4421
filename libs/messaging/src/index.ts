export * from './lib/message-bus';
