export * from './lib/config-validation-error';
export * from './lib/load-config';
export * from './lib/environment-rules';
export * from './lib/service-config';
