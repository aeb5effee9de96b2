export * from './amount';
export * from './address';
export * from './time';
export * from './explorer';
export * from './tx-phase';
