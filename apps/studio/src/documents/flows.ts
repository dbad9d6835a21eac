import { graphql } from '../generated';

export const FlowsQuery = graphql(`
  query Flows($first: Int, $after: String, $search: String, $tag: String, $active: Boolean, $triggerType: FlowTriggerType) {
    flows(first: $first, after: $after, search: $search, tag: $tag, active: $active, triggerType: $triggerType) {
      edges { cursor node { id name description tags version updatedAt active triggerTypes } }
      pageInfo { endCursor hasNextPage }
    }
  }
`);

export const FlowQuery = graphql(`
  query Flow($id: ID!) {
    flow(id: $id) {
      id name description tags nodes edges version updatedAt
      problems { nodeId edgeId code message severity }
    }
  }
`);

export const FlowActivationQuery = graphql(`
  query FlowActivation($id: ID!) { flow(id: $id) { id version active triggerTypes } }
`);

export const ActivateFlowMutation = graphql(`
  mutation ActivateFlow($id: ID!) { activateFlow(id: $id) { id version active triggerTypes } }
`);

export const DeactivateFlowMutation = graphql(`
  mutation DeactivateFlow($id: ID!) { deactivateFlow(id: $id) { id version active triggerTypes } }
`);

export const FlowVersionsQuery = graphql(`
  query FlowVersions($id: ID!) {
    flow(id: $id) {
      id version
      versions(first: 50) { edges { node { version message createdAt } } }
    }
  }
`);

export const NodeTypesQuery = graphql(`
  query NodeTypes { nodeTypes { type title description category icon inputs outputs dynamicOutputs outputsPerItem { field prefix } conditionalOutputs { field equals handle } configSchema } }
`);

export const FlowTemplatesQuery = graphql(`
  query FlowTemplates {
    flowTemplates {
      id name description category tags sampleInput
      needs { kind nodeId nodeType field credentialTypes }
    }
  }
`);

export const CreateFlowMutation = graphql(`
  mutation CreateFlow($input: FlowInput!, $message: String) { createFlow(input: $input, message: $message) { id name version } }
`);

export const UpdateFlowMutation = graphql(`
  mutation UpdateFlow($id: ID!, $input: FlowInput!, $expectedVersion: Int, $message: String) {
    updateFlow(id: $id, input: $input, expectedVersion: $expectedVersion, message: $message) {
      id name description tags nodes edges version updatedAt
      problems { nodeId edgeId code message severity }
    }
  }
`);

export const DeletedFlowsQuery = graphql(`
  query DeletedFlows($first: Int) {
    deletedFlows(first: $first) { edges { node { id name tags version deletedAt } } }
  }
`);

export const RestoreFlowMutation = graphql(`
  mutation RestoreFlow($id: ID!) { restoreFlow(id: $id) { id name } }
`);

export const ExportFlowQuery = graphql(`
  query ExportFlow($id: ID!) { exportFlow(id: $id) }
`);

export const ImportFlowMutation = graphql(`
  mutation ImportFlow($document: JSON!) { importFlow(document: $document) { id name version } }
`);

export const DeleteFlowMutation = graphql(`
  mutation DeleteFlow($id: ID!) { deleteFlow(id: $id) }
`);

export const ValidateFlowMutation = graphql(`
  mutation ValidateFlow($input: FlowInput!) {
    validateFlow(input: $input) { valid problems { nodeId edgeId code message severity } }
  }
`);

export const RestoreFlowVersionMutation = graphql(`
  mutation RestoreFlowVersion($id: ID!, $version: Int!) {
    restoreFlowVersion(id: $id, version: $version) { id name description tags nodes edges version updatedAt }
  }
`);

export const CreateFlowFromTemplateMutation = graphql(`
  mutation CreateFlowFromTemplate($templateId: ID!, $name: String) {
    createFlowFromTemplate(templateId: $templateId, name: $name) { id name version }
  }
`);

export const FlowAnalysisQuery = graphql(`
  query FlowAnalysis($id: ID!) {
    flow(id: $id) {
      id
      analysis { nodeCount depth criticalPath unreachableNodes suggestions { code message nodeIds } }
    }
  }
`);

/** The flow's sample input: what its test runs start with, kept on the server for every editor. */
export const FlowSampleInputQuery = graphql(`
  query FlowSampleInput($id: ID!) { flow(id: $id) { id sampleInput } }
`);

export const SetFlowSampleInputMutation = graphql(`
  mutation SetFlowSampleInput($id: ID!, $json: String) { setFlowSampleInput(id: $id, json: $json) { id sampleInput } }
`);
