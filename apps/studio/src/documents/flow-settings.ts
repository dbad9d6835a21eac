import { graphql } from '../generated';

export const FlowSettingsQuery = graphql(`
  query FlowSettings($id: ID!) {
    flow(id: $id) {
      id
      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }
    }
    flows(first: 100) { edges { node { id name } } }
  }
`);

export const UpdateFlowSettingsMutation = graphql(`
  mutation UpdateFlowSettings($id: ID!, $input: FlowSettingsInput!) {
    updateFlowSettings(id: $id, input: $input) {
      id
      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }
    }
  }
`);
