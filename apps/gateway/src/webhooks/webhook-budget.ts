import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestBudget } from '../auth/request-budget';

/** How the webhook door spends request budgets. */
export interface WebhookBudget {
  /** Before forwarding: RATE_LIMITED when the path's budget is used up, or the address has used its budget on misses. */
  admit(path: string, req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** A request to a path no flow has: counted against the client address's budget. */
  missed(req: IncomingMessage): Promise<void>;
}

/**
 * Webhooks spend their path's own budget (`WEBHOOK_REQUESTS_PER_MINUTE`, shared by every sender),
 * not the per-address one: a payment provider or a chat platform calls from a few addresses for
 * many integrations. Misses (paths no flow has) spend the address's budget
 * (`GATEWAY_REQUESTS_PER_MINUTE`), and an address that has used it up is refused before
 * forwarding, so guessing paths stays throttled.
 */
export function webhookBudget(perPath: RequestBudget, perAddress: RequestBudget, clientIpOf: (req: IncomingMessage) => string): WebhookBudget {
  const addressKey = (req: IncomingMessage) => RequestBudget.keyOf(null, clientIpOf(req));
  return {
    admit: async (path, req, res) => {
      perAddress.assertNotExhausted(addressKey(req), res);
      await perPath.spendKeyHttp(`webhook:${path}`, res);
    },
    // The miss is answered 404 either way; the count only decides the address's next requests.
    missed: (req) => perAddress.spendKey(addressKey(req)).catch(() => undefined),
  };
}
