// Public surface of the governance log domain.
export * from './anchor';
export * from './canonical-json';
export * from './chain';
export * from './controls';
export * from './errors';
export * from './event';
export * from './evidence';
export * from './storage';
export * from './verify';
