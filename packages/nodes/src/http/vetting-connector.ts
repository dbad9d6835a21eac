import { isIP } from 'node:net';
import type { buildConnector } from 'undici';
import type { HttpPolicy } from '../types';
import type { AllowList } from './address-policy';
import { vetHost } from './vet-target';

/**
 * An undici connector that vets the host of every new connection (DNS resolved once, each answer
 * checked) and dials the vetted address, whatever DNS says by then: a rebinding answer after the
 * check cannot move the connection. A refused host fails the request with HTTP_BLOCKED before any
 * socket opens. Connections kept alive in the pool were vetted when they opened, and a pool
 * belongs to one origin, so a redirect to another host is vetted by its own connection.
 * `dial` is undici's own connector (`buildConnector({})`), which makes the connections.
 */
export function vettingConnector(policy: HttpPolicy, allowList: AllowList, dial: buildConnector.connector): buildConnector.connector {
  return (options, callback) => {
    void (async () => {
      let address: string;
      let servername: string | undefined;
      try {
        const target = await vetHost(options.hostname, policy, allowList);
        const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
        policy.beforeConnect?.({ hostname: target.hostname, address: target.address, port });
        address = target.address;
        // TLS still names (and verifies) the host, not the address it was pinned to.
        servername = isIP(target.hostname) === 0 ? target.hostname : undefined;
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)), null);
        return;
      }
      dial({ ...options, hostname: address, servername: options.servername ?? servername }, callback);
    })();
  };
}
