import { Redis } from 'ioredis';
import {
  AccessTokenVerifier,
  resolveSecrets,
  revocationChannel,
  routeOf,
  signCaller,
  type Caller,
  type RevocationEvent,
} from '@omnitron/server-kit';
import { TEST_SIGNING_KEY, startTestSubgraph, type TestSubgraph } from '@omnitron/server-kit/testing';
import { identitySubgraph } from './definition';

/** Untyped JSON as `response.json()` yields it; tests read answers loosely and assert on them. */
type Json = ReturnType<typeof JSON.parse>;

export interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

export interface Account {
  readonly email: string;
  readonly password: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly caller: Caller;
}

/** A real identity subgraph (PostgreSQL + Redis) plus helpers that sign requests like the gateway. */
export class IdentityHarness {
  /** Every revocation this subgraph announced, once `recordRevocations()` has started listening. */
  readonly revocations: RevocationEvent[] = [];
  private readonly connections: Redis[] = [];

  private constructor(
    readonly identity: TestSubgraph,
    readonly verifier: AccessTokenVerifier,
  ) {}

  static async start(options: { onQuery?: (sql: string) => void } = {}): Promise<IdentityHarness> {
    const identity = await startTestSubgraph(identitySubgraph, options);
    const secrets = resolveSecrets(identity.config.DATA_DIR, {});
    return new IdentityHarness(identity, await AccessTokenVerifier.fromPem(secrets.jwtPublicKey));
  }

  get baseUrl(): string {
    return this.identity.url.replace(/\/graphql$/, '');
  }

  async call<T = Record<string, Json>>(query: string, variables: Record<string, unknown> = {}, caller: Caller | null = null, ip = '203.0.113.7'): Promise<GraphqlAnswer<T>> {
    const response = await fetch(this.identity.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', this.identity.url), caller, Date.now(), ip) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlAnswer<T>;
  }

  /** The caller the gateway would derive from an access token. */
  async callerOf(accessToken: string): Promise<Caller> {
    return (await this.verifier.verify(accessToken)).caller;
  }

  /** A new email made from `label`, unique to this run. */
  static emailFor(label: string): string {
    return `${label}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  }

  async register(label: string, ip?: string, email = IdentityHarness.emailFor(label)): Promise<Account> {
    const password = 'correct horse battery staple';
    const answer = await this.call<{ register: { accessToken: string; refreshToken: string } }>(
      `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken } }`,
      { input: { email, password, name: label } },
      null,
      ip ?? `198.51.100.${Math.floor(Math.random() * 250)}`,
    );
    if (!answer.data) throw new Error(`register failed: ${JSON.stringify(answer.errors)}`);
    const { accessToken, refreshToken } = answer.data.register;
    return { email, password, accessToken, refreshToken, caller: await this.callerOf(accessToken) };
  }

  /** A Redis connection to the subgraph's server, closed with the harness. */
  redis(): Redis {
    const connection = new Redis(this.identity.config.REDIS_URL);
    this.connections.push(connection);
    return connection;
  }

  /** Starts collecting the subgraph's revocation announcements into `revocations`. */
  async recordRevocations(): Promise<void> {
    const subscriber = this.redis();
    await subscriber.subscribe(revocationChannel(this.identity.config.REDIS_PREFIX));
    subscriber.on('message', (_channel, message) => this.revocations.push(JSON.parse(message) as RevocationEvent));
  }

  /** Waits (up to a second) until a recorded revocation matches. */
  async untilRevocation(matches: (event: RevocationEvent) => boolean): Promise<boolean> {
    for (let i = 0; i < 50 && !this.revocations.some(matches); i++) await new Promise((r) => setTimeout(r, 20));
    return this.revocations.some(matches);
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.disconnect();
    await this.identity.close();
  }
}

export const codeOf = (answer: GraphqlAnswer<unknown>): unknown => answer.errors?.[0]?.extensions.code;
