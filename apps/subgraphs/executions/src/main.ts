import { SUBGRAPHS } from '@omnitron/schema';
import { bootService, createSubgraph, onShutdown, runMain } from '@omnitron/server-kit';
import { createExecutionsSubgraph } from './definition';

/** The executions subgraph process: GraphQL over HTTP and graphql-ws on one port, plus internal routes. */
await runMain(async () => {
  const { config, secrets, log } = bootService('executions', SUBGRAPHS[2].port);
  const executions = createExecutionsSubgraph();
  const subgraph = await createSubgraph(executions.definition, { config, signingKey: secrets.internalSigningKey, log });
  const socket = executions.attachSubscriptions(subgraph);
  const port = await subgraph.listen(config.PORT);
  log.info({ port }, 'executions subgraph listening');
  onShutdown(log, async () => {
    await socket.close();
    await subgraph.close();
  });
});
