/** What a host needs to run the gateway role (alone: `main.ts`; with the subgraphs: `apps/platform`). */
export { gatewaySettings, bootGateway, loadGatewayConfig, type GatewayBoot, type GatewayConfig } from './config';
export { createGateway, type GatewayOptions, type GatewayServer } from './server';
