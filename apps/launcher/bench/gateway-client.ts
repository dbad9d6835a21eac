interface GraphQLAnswer<T> {
  readonly data?: T;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: { code?: string } }>;
}

/** One signed-in user talking to the gateway over HTTP, the way the studio does. */
export class GatewayClient {
  private accessToken = '';
  private refreshToken = '';

  constructor(readonly baseUrl: string) {}

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

  /** POSTs one operation; any GraphQL error or non-200 answer throws with its code. */
  async request<T>(query: string, variables?: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
    const response = await fetch(this.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.accessToken ? { authorization: this.authorization } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<T>;
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
