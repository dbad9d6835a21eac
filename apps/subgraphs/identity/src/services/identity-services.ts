import type { MikroORM } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import { AccessTokenSigner, resolveSecrets, type SubgraphDeps } from '@omnitron/server-kit';
import { ApiKeyService } from './api-key-service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { RevocationPublisher } from './revocation-publisher';
import { SessionService } from './session-service';

/** The identity subgraph's long-lived services: one set per process, shared by every request. */
export interface IdentityServices {
  readonly passwords: PasswordHasher;
  readonly sessions: SessionService;
  readonly apiKeys: ApiKeyService;
  readonly throttle: LoginThrottle;
  readonly revocations: RevocationPublisher;
  readonly redis: Redis;
}

/** Services by the ORM they were opened with, so `extendContext(base, orm)` finds them without globals. */
const servicesByOrm = new WeakMap<MikroORM, IdentityServices>();

export async function openIdentityServices(orm: MikroORM, deps: SubgraphDeps): Promise<IdentityServices> {
  const secrets = resolveSecrets(deps.config.DATA_DIR);
  const redis = new Redis(deps.config.REDIS_URL, { maxRetriesPerRequest: 2 });
  const revocations = new RevocationPublisher(redis, deps.config.REDIS_PREFIX, deps.log);
  const services: IdentityServices = {
    passwords: new PasswordHasher(),
    sessions: new SessionService({ signer: await AccessTokenSigner.fromPem(secrets.jwtPrivateKey), revocations }),
    apiKeys: new ApiKeyService(revocations),
    throttle: new LoginThrottle({ redis, redisPrefix: deps.config.REDIS_PREFIX }),
    revocations,
    redis,
  };
  await services.passwords.prepare();
  servicesByOrm.set(orm, services);
  return services;
}

export function identityServicesOf(orm: MikroORM): IdentityServices {
  const services = servicesByOrm.get(orm);
  if (!services) throw new Error('identity services are not open for this database');
  return services;
}
