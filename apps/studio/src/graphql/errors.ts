import type { CombinedError } from 'urql';

/** The shared `extensions.code` of the first GraphQL error (CONFLICT, NOT_FOUND, ...). */
export function errorCode(error: CombinedError | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A message fit to show: the server's human message, or the network failure. */
export function errorMessage(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  return error.graphQLErrors[0]?.message ?? error.networkError?.message ?? error.message;
}
