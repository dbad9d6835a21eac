import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, isErrorCode } from '@omnitron/schema';
import { currentRequestId } from '../http/request-context';

/** Apollo's own codes, mapped onto the shared list. */
const apolloCodes: Readonly<Record<string, ErrorCode>> = {
  GRAPHQL_PARSE_FAILED: ErrorCode.VALIDATION_FAILED,
  GRAPHQL_VALIDATION_FAILED: ErrorCode.VALIDATION_FAILED,
  BAD_USER_INPUT: ErrorCode.VALIDATION_FAILED,
  BAD_REQUEST: ErrorCode.VALIDATION_FAILED,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.VALIDATION_FAILED,
  PERSISTED_QUERY_NOT_FOUND: ErrorCode.VALIDATION_FAILED,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.VALIDATION_FAILED,
};

/**
 * graphql-js echoes a whole invalid variable (`Variable "$input" got invalid value { ..., password:
 * "..." }; Field "x" ... was not provided.`). Secrets sent in inputs (passwords, API keys) must not
 * come back in messages (or land in logs), so the value is cut and the path and reason kept.
 */
const ECHOED_VARIABLE = /^(Variable "\$[^"]+" got invalid value) [\s\S]*?((?: at "[^"]*")?; (?:Field "|Value "|Expected |[A-Z]\w* cannot represent|Did you mean|Invalid )[\s\S]*)$/;

export function withoutEchoedValues(message: string): string {
  return message.replace(ECHOED_VARIABLE, '$1$2');
}

/**
 * Every error leaves with a code from the shared list, a human message and the trace id.
 * Unknown errors become INTERNAL with a generic message: no stack, no SQL, no paths.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const raw = formatted.extensions?.code;
  const mapped = isErrorCode(raw) ? raw : typeof raw === 'string' ? apolloCodes[raw] : undefined;
  const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
  const base = { ...extensions, code: mapped ?? ErrorCode.INTERNAL, traceId: currentRequestId() };
  if (mapped) return { ...formatted, message: withoutEchoedValues(formatted.message), extensions: base };
  return { message: 'Internal error', path: formatted.path, locations: formatted.locations, extensions: base };
}
