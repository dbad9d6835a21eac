import type { SubgraphDefinition } from '@omnitron/server-kit';
import { identityContext, type IdentityContext } from './context';
import { ApiKey } from './entities/api-key.entity';
import { AuditEvent } from './entities/audit-event.entity';
import { Credential } from './entities/credential.entity';
import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { Workspace } from './entities/workspace.entity';
import { migrations } from './migrations';
import { apiKeyVerifyRoute } from './routes/api-key-verify.route';
import { credentialRoutes } from './routes/credential-routes';
import { buildIdentitySchema } from './schema';
import { resealCredentials } from './services/credential-reseal';
import { EXPIRED_ROWS_SWEEP_EVERY_MS, sweepExpiredRows } from './services/expired-rows';
import { openIdentityServices } from './services/identity-services';

/** The identity subgraph: users, sessions, API keys, workspaces, roles, audit log, credentials. */
export const identitySubgraph: SubgraphDefinition<IdentityContext> = {
  name: 'identity',
  entities: [User, Workspace, Membership, Invitation, RefreshToken, ApiKey, AuditEvent, Credential],
  migrations,
  buildSchema: buildIdentitySchema,
  extendContext: identityContext,
  extraRoutes: (orm, deps) => [apiKeyVerifyRoute(orm, deps), ...credentialRoutes(orm, deps)],
  resources: async (orm, deps) => {
    const services = await openIdentityServices(orm, deps);
    // Rotation: credentials still sealed under ENCRYPTION_KEY_PREVIOUS are re-sealed in the
    // background; both keys open them meanwhile, so nothing waits for this.
    const resealing = resealCredentials(orm, services.box, deps.log).catch((error: unknown) => deps.log.error({ err: error }, 're-sealing credentials failed'));
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
        await resealing;
        await services.credentialTester.close();
        services.redis.disconnect();
      },
    };
  },
};
