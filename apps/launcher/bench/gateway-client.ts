import { Agent, request as httpRequest } from 'node:http';

interface GraphQLAnswer<T> {
  readonly data?: T;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: { code?: string } }>;
}

/** One signed-in user talking to the gateway over HTTP, the way the studio does. */
export class GatewayClient {
  private accessToken = '';
  private refreshToken = '';
  private readonly agent = new Agent({ keepAlive: true });

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

  /**
   * `request` for load loops over plain http: node:http on kept-alive connections costs this
   * process a fraction of `fetch`'s CPU, which on a shared machine competes with the platform it
   * measures. The answer is read, parsed and checked the same way.
   */
  query<T>(query: string, timeoutMs = 30_000): Promise<T> {
    const body = JSON.stringify({ query });
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...(this.accessToken ? { authorization: this.authorization } : {}) };
    return new Promise<T>((resolve, reject) => {
      const req = httpRequest(this.graphqlUrl, { method: 'POST', headers, agent: this.agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          let answer: GraphQLAnswer<T> = {};
          try {
            answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLAnswer<T>;
          } catch {
            // not JSON: reported below as no data
          }
          if (answer.errors?.length || !answer.data) {
            const first = answer.errors?.[0];
            reject(new Error(`HTTP ${res.statusCode} ${first?.extensions?.code ?? ''} ${first?.message ?? 'no data'}`.trim()));
          } else resolve(answer.data);
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
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
