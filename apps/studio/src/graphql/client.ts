import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { authFetch } from './auth-fetch';
import { wsClient } from './ws-client';

/** The one GraphQL client: queries and mutations over HTTP, subscriptions over graphql-ws, both at /graphql. */
export const graphqlClient = new Client({
  url: '/graphql',
  fetch: authFetch,
  // POST only: the gateway's CSRF prevention refuses simple GET requests, and queries carry tokens anyway.
  preferGetMethod: false,
  requestPolicy: 'cache-and-network',
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const operation = { ...request, query: request.query ?? '' };
        return {
          subscribe(sink) {
            const unsubscribe = wsClient.subscribe(operation, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  ],
});
