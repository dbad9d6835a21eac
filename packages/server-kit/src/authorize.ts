import { forbidden, unauthenticated } from '@omnitron/schema';
import { ROLES, type Caller, type Role, type Scope } from './caller';

const rank = (role: Role): number => ROLES.indexOf(role);

export interface CallerContext {
  readonly caller: Caller | null;
}

/** The signed-in caller, or UNAUTHENTICATED. */
export function requireCaller(ctx: CallerContext): Caller {
  if (!ctx.caller) throw unauthenticated();
  return ctx.caller;
}

/**
 * One line in a resolver: `const caller = requireRole(ctx, 'editor', 'flows:write')`.
 * Checks the caller's role in its active workspace and, for API keys, the scope.
 */
export function requireRole(ctx: CallerContext, minimum: Role, scope?: Scope): Caller {
  const caller = requireCaller(ctx);
  if (rank(caller.role) < rank(minimum)) throw forbidden(`This needs the ${minimum} role in the workspace`);
  if (scope && caller.scopes && !caller.scopes.includes(scope)) throw forbidden(`This API key lacks the ${scope} scope`);
  return caller;
}
