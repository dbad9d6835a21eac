export { SubscriptionCloseCode } from './close-codes';
export { executeThroughApollo } from './execute-over-socket';
export {
  createSubscriptionServer,
  defaultSubscriptionLimits,
  type SubscriptionLimits,
  type SubscriptionServer,
  type SubscriptionServerOptions,
} from './subscription-server';
