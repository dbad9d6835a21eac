import type { MikroORM } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { outboundPolicyOf, outboundPolicySettings } from '@omnitron/nodes';
import { AccessTokenSigner, loadConfig, resolveSecrets, secretBoxOf, type SecretBox, type SubgraphDeps } from '@omnitron/server-kit';
import { ApiKeyService } from './api-key-service';
import { CredentialStore } from './credential-store';
import { CredentialTester } from './credential-tester';
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
  readonly credentials: CredentialStore;
  readonly credentialTester: CredentialTester;
  /** The box credentials are sealed with (ENCRYPTION_KEY, ENCRYPTION_KEY_PREVIOUS for reading). */
  readonly box: SecretBox;
}

/** Identity's own settings. */
export const identitySettingsSchema = z.object({
  /** Sign-in attempts per email and per client IP per window (successes are not counted). @default 10 */
  LOGIN_ATTEMPTS_PER_WINDOW: z.coerce.number().int().positive().default(10),
  /** Length of the window LOGIN_ATTEMPTS_PER_WINDOW counts sign-in attempts over, in seconds. @default 900 (15 minutes) */
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** Sign-ups per client IP per hour. @default 30 */
  REGISTRATIONS_PER_HOUR: z.coerce.number().int().positive().default(30),
  /**
   * Seconds a rotated refresh token may be exchanged again (two tabs refreshing at once, a retry
   * after a lost response) before reuse counts as theft and ends the session. 0 = strict. @default 10
   */
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(120).default(10),
  /** `HTTP_ALLOW_PRIVATE_NETWORKS`, `HTTP_ALLOW_LIST`: the outbound address policy testCredential connects under (the same one nodes run under). */
  ...outboundPolicySettings.shape,
});

/** Services by the ORM they were opened with, so `extendContext(base, orm)` finds them without globals. */
const servicesByOrm = new WeakMap<MikroORM, IdentityServices>();

export async function openIdentityServices(orm: MikroORM, deps: SubgraphDeps, env: NodeJS.ProcessEnv = process.env): Promise<IdentityServices> {
  const settings = loadConfig(identitySettingsSchema, env);
  const secrets = resolveSecrets(deps.config.DATA_DIR);
  const redis = new Redis(deps.config.REDIS_URL, { maxRetriesPerRequest: 2 });
  const box = secretBoxOf(secrets, env);
  const revocations = new RevocationPublisher(redis, deps.config.REDIS_PREFIX, deps.log);
  const services: IdentityServices = {
    passwords: new PasswordHasher(),
    sessions: new SessionService({
      signer: await AccessTokenSigner.fromPem(secrets.jwtPrivateKey),
      revocations,
      reuseGraceMs: settings.REFRESH_REUSE_GRACE_SECONDS * 1000,
    }),
    apiKeys: new ApiKeyService(revocations),
    throttle: new LoginThrottle({
      redis,
      redisPrefix: deps.config.REDIS_PREFIX,
      attempts: settings.LOGIN_ATTEMPTS_PER_WINDOW,
      windowSeconds: settings.LOGIN_WINDOW_SECONDS,
      registrationsPerHour: settings.REGISTRATIONS_PER_HOUR,
    }),
    revocations,
    redis,
    credentials: new CredentialStore(box),
    credentialTester: new CredentialTester(outboundPolicyOf(settings)),
    box,
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
