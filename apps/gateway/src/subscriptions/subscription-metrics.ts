import { Counter, Gauge, type Registry } from 'prom-client';
import type { SubscriptionHub } from './subscription-hub';

/** What /metrics shows about graphql-ws: sockets, shared upstream streams, subscribers, events. */
export function registerSubscriptionMetrics(registry: Registry, hub: SubscriptionHub, sockets: ReadonlySet<unknown>): { slowConsumers: Counter } {
  new Gauge({
    name: 'omnitron_subscription_sockets',
    help: 'Open graphql-ws connections',
    registers: [registry],
    collect() {
      this.set(sockets.size);
    },
  });
  new Gauge({
    name: 'omnitron_subscription_upstreams',
    help: 'Shared upstream subscriptions to subgraphs',
    registers: [registry],
    collect() {
      this.set(hub.activeStreams);
    },
  });
  new Gauge({
    name: 'omnitron_subscription_subscribers',
    help: 'Client subscriptions receiving events',
    registers: [registry],
    collect() {
      this.set(hub.subscriberCount);
    },
  });
  new Gauge({
    name: 'omnitron_subscription_events',
    help: 'Upstream events resolved since start (each once, whatever the number of subscribers)',
    registers: [registry],
    collect() {
      this.set(hub.eventsResolved);
    },
  });
  const slowConsumers = new Counter({
    name: 'omnitron_subscription_slow_consumers_total',
    help: 'Sockets closed with 4408 because the client read too slowly',
    registers: [registry],
  });
  return { slowConsumers };
}
