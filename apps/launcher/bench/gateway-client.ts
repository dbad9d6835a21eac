import { JsonClient } from '@omnitron/server-kit/json-client';

interface GraphQLAnswer<T> {
  readonly data?: T;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: { code?: string } }>;
}

/** One signed-in user talking to the gateway over HTTP, the way the studio does. */
export class GatewayClient {
  private accessToken = '';
  private refreshToken = '';
  /**
   * Kept-alive connections for `request`, one per request in flight: the platform's own
   * service-to-service client (node:http). undici's Pool, answering the same canned 5 KB list
   * page to 20 clients, promoted about the whole body of every answer to old space (88 MB over
   * 16,000 requests, scavenges of 7-15 ms); node:http promoted 1.4 MB, scavenges 0.3 ms. Under
   * the list load those scavenges paused all 20 clients and were measured as platform latency.
   */
  private readonly http: JsonClient;

  constructor(readonly baseUrl: string) {
    this.http = new JsonClient({ url: this.graphqlUrl, timeoutMs: 120_000 });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.http.close();
  }

  get graphqlUrl(): string {
    return `${this.baseUrl}/graphql`;
  }

  get wsUrl(): string {
    return this.graphqlUrl.replace(/^http/, 'ws');
  }

  get authorization(): string {
    return `Bearer ${this.accessToken}`;
  }

  async register(email: string, password: string, name: string): Promise<void> {
    const { register } = await this.request<{ register: { accessToken: string; refreshToken: string } }>(
      'mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken } }',
      { input: { email, password, name } },
    );
    this.accessToken = register.accessToken;
    this.refreshToken = register.refreshToken;
  }

  /** Access tokens live 15 minutes: each scenario starts with a fresh one. */
  async refresh(): Promise<void> {
    const { refreshSession } = await this.request<{ refreshSession: { accessToken: string; refreshToken: string } }>(
      'mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }',
      { token: this.refreshToken },
    );
    this.accessToken = refreshSession.accessToken;
    this.refreshToken = refreshSession.refreshToken;
  }

  /** `request` without variables: what the load loops send. */
  query<T>(query: string): Promise<T> {
    return this.request<T>(query);
  }

  /**
   * POSTs one operation over kept-alive connections; any GraphQL error or answer without data
   * throws with its code. A connection silent for 2 minutes (seeding batches and 1,000-node saves are slow) fails it.
   */
  async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(this.accessToken ? { authorization: this.authorization } : {}) };
    const response = await this.http.post(JSON.stringify({ query, variables }), headers);
    const answer = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as GraphQLAnswer<T>;
    if (answer.errors?.length || !answer.data) {
      const first = answer.errors?.[0];
      throw new Error(`HTTP ${response.status} ${first?.extensions?.code ?? ''} ${first?.message ?? 'no data'}`.trim());
    }
    return answer.data;
  }

  /** POST /webhooks/<path> (anonymous: the path is the secret). Returns status and parsed body. */
  async webhook(path: string, body: unknown, timeoutMs = 30_000): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.baseUrl}/webhooks/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed };
  }
}
