import { forbidden, unauthenticated } from '@omnitron/schema';
import { requireRole, routeOf, verifyCaller, type Caller, type HttpRequestInfo, type Role, type Scope } from '@omnitron/server-kit';

export interface InternalAuth {
  readonly signingKey: string;
  readonly maxAgeMs: number;
}

/**
 * The signed caller of an internal route (same headers the gateway signs). Anonymous callers are
 * refused: every internal call acts for a workspace. An API key needs one of `scopes`.
 */
export function internalCaller(request: HttpRequestInfo, auth: InternalAuth, minimum: Role, scopes: readonly Scope[]): Caller {
  const caller = verifyCaller(auth.signingKey, routeOf(request.req.method ?? 'GET', request.url), request.req.headers, auth.maxAgeMs);
  if (!caller) throw unauthenticated('Internal routes need a signed caller');
  requireRole({ caller }, minimum);
  if (caller.scopes && !scopes.some((scope) => caller.scopes!.includes(scope))) throw forbidden(`This needs one of the scopes ${scopes.join(', ')}`);
  return caller;
}
