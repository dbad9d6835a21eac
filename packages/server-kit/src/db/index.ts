export * from './open-database';
export * from './portable-migration';
export * from './read-rows';
export * from './insert-rows';
export * from './insert-statement';
export { isPostgres } from './dialect';
export { ASYNC_COMMIT_COLUMN } from './async-commit';
