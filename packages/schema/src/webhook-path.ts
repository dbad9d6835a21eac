/**
 * The grammar of a webhook path: the `<path>` of the public `POST /webhooks/<path>`, and what
 * trigger.webhook's `path` setting accepts. Defined once, here, because three places must agree on
 * it: the flow validator (what may be saved), the gateway (what it forwards: anything else is 404
 * before a byte leaves it) and the executions subgraph (what it looks up).
 *
 * A path is one or more segments joined by single `/`. A segment is letters, digits, `_`, `-` and
 * `.`, and never starts with `.` (so never `.` or `..`); the first starts with a letter or digit.
 * So a path can hold no scheme (`:`), no empty segment (`//`), no dot segment, no `%` escape, no
 * backslash, query or fragment: it is an opaque name that reads the same raw, decoded or
 * normalised, and can never be resolved as a URL to somewhere else.
 */
export const WEBHOOK_PATH_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;

/** The longest webhook path. */
export const WEBHOOK_PATH_MAX_LENGTH = 200;

/** What the grammar allows, in words (for validation messages). */
export const WEBHOOK_PATH_RULE =
  'segments of letters, digits, "_", "-" and "." joined by single "/", none starting with "." and the first with a letter or digit';

/** Whether `value` is a webhook path (see `WEBHOOK_PATH_PATTERN`). */
export function isWebhookPath(value: string): boolean {
  return value.length <= WEBHOOK_PATH_MAX_LENGTH && WEBHOOK_PATH_PATTERN.test(value);
}

/**
 * Where the gateway forwards `POST /webhooks/<path>`: the executions subgraph's one internal
 * webhook route, the path in a single percent-encoded segment (its `/` as `%2F`), never resolved
 * as a URL.
 */
export const INTERNAL_WEBHOOK_PREFIX = '/internal/webhooks/';

/** The internal route of webhook test URLs (`/webhooks-test/<path>`), encoded the same way. */
export const INTERNAL_WEBHOOK_TEST_PREFIX = '/internal/webhooks-test/';

/**
 * The internal route of resume URLs (`/webhooks-resume/<token>`): a POST there resumes the `wait`
 * node whose token it is, the token encoded like a path.
 */
export const INTERNAL_WEBHOOK_RESUME_PREFIX = '/internal/webhooks-resume/';

/** The internal route's URL path for a webhook path (`prefix`: the test route's, for a test URL). */
export function internalWebhookPath(path: string, prefix: string = INTERNAL_WEBHOOK_PREFIX): string {
  return `${prefix}${encodeURIComponent(path)}`;
}

/**
 * The webhook path an internal route's URL path names, or undefined unless it is exactly what
 * `internalWebhookPath` makes of a valid path (one segment, encoded the one way).
 */
export function webhookPathOfInternal(urlPath: string, prefix: string = INTERNAL_WEBHOOK_PREFIX): string | undefined {
  if (!urlPath.startsWith(prefix)) return undefined;
  const segment = urlPath.slice(prefix.length);
  let path: string;
  try {
    path = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return isWebhookPath(path) && encodeURIComponent(path) === segment ? path : undefined;
}
