import { graphql } from '../generated';

export const AiProvidersQuery = graphql(`
  query AiProviders {
    aiProviders { name kind models taskTypes priority status circuitState latencyP50Ms latencyP95Ms errorRate quotaUsed }
  }
`);

export const ConfigureAiProviderMutation = graphql(`
  mutation ConfigureAiProvider($input: AiProviderInput!) { configureAiProvider(input: $input) { name kind models } }
`);

export const TestAiProviderMutation = graphql(`
  mutation TestAiProvider($name: String!) { testAiProvider(name: $name) { ok latencyMs model error } }
`);

export const SearchFlowsQuery = graphql(`
  query SearchFlows($query: String!, $first: Int) {
    searchFlows(query: $query, first: $first) { ranking flow { id name description tags version updatedAt } }
  }
`);
