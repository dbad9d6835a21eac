export * from './open-database';
export * from './portable-migration';
export * from './read-rows';
