import { onShutdown, runMain } from '@omnitron/server-kit';
import { bootGateway } from './config';
import { createGateway } from './server';

await runMain(async () => {
  const boot = bootGateway();
  const gateway = await createGateway(boot);
  const port = await gateway.listen(boot.config.PORT);
  boot.log.info({ port }, 'gateway listening');
  onShutdown(boot.log, () => gateway.close());
});
