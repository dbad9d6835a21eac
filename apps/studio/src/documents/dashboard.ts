import { graphql } from '../generated';

export const DashboardQuery = graphql(`
  query Dashboard($from: DateTime) {
    executions(first: 500, from: $from) { edges { node { id status createdAt durationMs } } }
    flows(first: 50) { edges { node { id name stats { runs successRate p50DurationMs p95DurationMs } } } }
    identityStatus { service ready }
    flowsStatus { service ready }
    executionsStatus { service ready }
    intelligenceStatus { service ready }
  }
`);
