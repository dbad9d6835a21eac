import type { CombinedError } from 'urql';
import { errorMessage } from '../graphql/errors';

interface QueryErrorProps {
  /** The query's error; nothing is drawn without one. */
  readonly error: CombinedError | undefined;
  /** Says what could not be loaded, before the server's message. */
  readonly what?: string;
}

/**
 * A query's error, drawn where its data would be: a page whose query failed says so instead of
 * showing an empty state that reads as "there is nothing here".
 */
export function QueryError({ error, what }: QueryErrorProps) {
  if (!error) return null;
  return (
    <p role="alert" className="error" data-testid="query-error">
      {what ? `${what}: ` : ''}{errorMessage(error)}
    </p>
  );
}
