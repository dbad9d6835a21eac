import { installPoisonDelay } from './poison-node';

/**
 * Loaded with `--import` into a test's worker processes (`WorkerProcess` `imports`): a preload,
 * not a new entry, because a worker starts the processes of its isolated runs with its own Node
 * flags, so they get the poison too.
 */
installPoisonDelay();
