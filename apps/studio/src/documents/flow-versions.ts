import { graphql } from '../generated';

/** The versions dialog's list: who saved each version, when and why. */
export const FlowVersionHistoryQuery = graphql(`
  query FlowVersionHistory($id: ID!) {
    flow(id: $id) {
      id version
      versions(first: 50) { edges { node { version message createdAt author { id name email } } } }
    }
  }
`);

/** One saved version's graph, to compare with the draft or with another version. */
export const FlowVersionContentQuery = graphql(`
  query FlowVersionContent($flowId: ID!, $version: Int!) {
    flowVersion(flowId: $flowId, version: $version) { version nodes edges author { id name email } createdAt }
  }
`);
