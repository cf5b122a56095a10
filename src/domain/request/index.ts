// Request domain: the request record, intake rules, decisions, the duplicate
// lock and due times. Pure: time comes in as a parameter; no I/O.
export * from './types';
export * from './refusal';
export * from './intake';
export * from './submit';
export * from './decisions';
export * from './unanswered';
export * from './lock';
export * from './due';
export * from './events';
