import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * POSTs JSON to one base URL over kept-alive connections with node:http. `fetch` (undici) cost the
 * executions subgraph more CPU per call to the flows subgraph than the INSERT of the run it was
 * starting; a loopback JSON POST needs none of what it does besides.
 */
export class JsonOverHttp {
  private readonly agent: Agent;
  private readonly send: typeof httpRequest;

  constructor(
    private readonly url: URL,
    private readonly timeoutMs: number,
  ) {
    const secure = url.protocol === 'https:';
    this.agent = secure ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true });
    this.send = secure ? httpsRequest : httpRequest;
  }

  /** The parsed JSON answer, whatever its status; rejects when the server cannot be reached or answers no JSON. */
  post(headers: Record<string, string>, body: unknown): Promise<unknown> {
    const text = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = this.send(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`No answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(text);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
