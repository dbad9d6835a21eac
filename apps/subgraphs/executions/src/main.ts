import { runSubgraphRole } from '@omnitron/server-kit';
import { executionsRole } from './index';

/** The executions subgraph process: GraphQL over HTTP and graphql-ws on one port, plus internal routes. */
await runSubgraphRole(executionsRole());
