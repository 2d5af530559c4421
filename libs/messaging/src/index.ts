export * from './lib/message-bus';
export * from './lib/messaging-logger';
export * from './lib/dead-letter';
export * from './lib/kafka/kafka-message-bus';
export * from './lib/kafka/kafka-message-bus-options';
export * from './lib/kafka/batch-handler-error';
export * from './lib/in-process/in-process-message-bus';
export * from './lib/nest/message-bus-transport';
