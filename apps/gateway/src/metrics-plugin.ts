import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';

/** Counts and times every operation by its name (`anonymous` when unnamed). */
export function metricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          const operation = operationName ?? 'anonymous';
          metrics.requestDuration.observe({ operation }, (performance.now() - started) / 1000);
          metrics.requests.inc({ operation, outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
