export * from './open-database';
export * from './portable-migration';
