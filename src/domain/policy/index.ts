export * from './result';
export * from './event-draft';
export * from './risk-policy';
export * from './validate-policy';
export * from './effective-policy';
export * from './policy-versioning';
export * from './durations';
