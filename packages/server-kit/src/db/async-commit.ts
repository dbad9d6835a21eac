/**
 * A PostgreSQL select-list item (for a `returning` list) that turns `synchronous_commit` off for the
 * transaction of its statement alone (`set_config(..., is_local => true)`; the session keeps its
 * own setting). A statement sent outside a transaction is that transaction: it commits without
 * waiting for its WAL to be flushed to disk, and is visible to everyone at once.
 *
 * For writes nobody is told of before a later write of the same work commits the usual way: the
 * WAL is one sequence, so the flush that a later synchronous commit waits for carries every earlier
 * record with it (PostgreSQL's "asynchronous commit"). Should the server crash first, the write
 * is lost, at most `3 x wal_writer_delay` of it, and the work it began with it.
 */
export const ASYNC_COMMIT_COLUMN = `set_config('synchronous_commit', 'off', true) as "async_commit"`;
