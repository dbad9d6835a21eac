import type { SubgraphDefinition } from '@omnitron/server-kit';
import { identityContext, type IdentityContext } from './context';
import { ApiKey } from './entities/api-key.entity';
import { AuditEvent } from './entities/audit-event.entity';
import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { Workspace } from './entities/workspace.entity';
import { migrations } from './migrations';
import { apiKeyVerifyRoute } from './routes/api-key-verify.route';
import { buildIdentitySchema } from './schema';
import { EXPIRED_ROWS_SWEEP_EVERY_MS, sweepExpiredRows } from './services/expired-rows';
import { openIdentityServices } from './services/identity-services';

/** The identity subgraph: users, sessions, API keys, workspaces, roles, audit log. */
export const identitySubgraph: SubgraphDefinition<IdentityContext> = {
  name: 'identity',
  entities: [User, Workspace, Membership, Invitation, RefreshToken, ApiKey, AuditEvent],
  migrations,
  buildSchema: buildIdentitySchema,
  extendContext: identityContext,
  extraRoutes: (orm, deps) => [apiKeyVerifyRoute(orm, deps)],
  resources: async (orm, deps) => {
    const services = await openIdentityServices(orm, deps);
    const sweep = () => sweepExpiredRows(orm, services.sessions, deps.log);
    let sweeping = sweep();
    await sweeping;
    const sweeper = setInterval(() => (sweeping = sweep()), EXPIRED_ROWS_SWEEP_EVERY_MS).unref();
    return {
      ready: async () => ({ redis: services.redis.status === 'ready' }),
      close: async () => {
        clearInterval(sweeper);
        // A sweep in flight finishes before the database closes under it.
        await sweeping;
        services.redis.disconnect();
      },
    };
  },
};
