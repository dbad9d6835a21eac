export * from './error-codes';
export * from './scalars';
export * from './subgraphs';
export * from './internal-headers';
export * from './execution-wire';
export * from './webhook-path';
export * from './webhook-forward';
export * from './pinned-data';
