import { Client, cacheExchange, fetchExchange } from 'urql';

/** The one GraphQL client: everything goes through the gateway at /graphql. */
export const graphqlClient = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
});
