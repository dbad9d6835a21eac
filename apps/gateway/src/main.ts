import { onShutdown, runMain, startTracing } from '@omnitron/server-kit';
import { bootGateway } from './config';
import { createGateway } from './server';

await runMain(async () => {
  const boot = bootGateway();
  const tracing = await startTracing('gateway', process.env, boot.log);
  const gateway = await createGateway(boot);
  const port = await gateway.listen(boot.config.PORT);
  boot.log.info({ port }, 'gateway listening');
  onShutdown(boot.log, async () => {
    await gateway.close();
    await tracing.shutdown();
  });
});
