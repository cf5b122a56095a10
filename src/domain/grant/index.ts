// Grant domain: the grant record, its creation on approval, lifecycle
// transitions and due times for sweeps. Pure: time is passed in.
export * from './types';
export * from './events';
export * from './create';
export * from './approve';
export * from './lifecycle';
export * from './review';
export * from './fulfilment-failure';
export * from './flag';
export * from './end';
export * from './due';
