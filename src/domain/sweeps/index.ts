// Lifecycle sweep decisions (pure): which step is due, retention minimisation, continuation contract.
export * from './plan';
export * from './retention';
export * from './continuation';
