import { z } from 'zod';
import type { HttpPolicy } from '../types';
import { AllowList } from './address-policy';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const allowListEntries = z
  .string()
  .transform((list) => list.split(',').map((entry) => entry.trim()).filter(Boolean))
  .superRefine((entries, ctx) => {
    for (const entry of entries) {
      try {
        new AllowList([entry]);
      } catch {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not a hostname, *.suffix, IP address or CIDR` });
      }
    }
  });

/**
 * The operator's side of the outbound address policy. Every process that calls URLs on a user's
 * behalf (the executions worker for `http.request`, the intelligence subgraph for AI providers)
 * reads these same settings, so one environment configures the whole platform.
 */
export const outboundPolicySettings = z.object({
  /**
   * Let user-supplied URLs (http.request nodes, AI provider base URLs) reach private networks,
   * loopback included; cloud metadata addresses stay refused unless allow-listed. @default false
   */
  HTTP_ALLOW_PRIVATE_NETWORKS: flag.default(false),
  /**
   * Comma-separated hostnames (`ollama.internal`, `*.corp.example`), IPs and CIDRs (`10.1.0.0/16`)
   * that may be reached although they are not public. @default "" (none)
   */
  HTTP_ALLOW_LIST: z.string().default('').pipe(allowListEntries),
});
export type OutboundPolicySettings = z.infer<typeof outboundPolicySettings>;

export function outboundPolicyOf(settings: OutboundPolicySettings): HttpPolicy {
  return { allowPrivateNetworks: settings.HTTP_ALLOW_PRIVATE_NETWORKS, allowList: settings.HTTP_ALLOW_LIST };
}
