import { registerEnumType } from 'type-graphql';

/** The kinds of trigger a flow can hold; the values are the stored kinds (domain/flow-triggers). */
export enum FlowTriggerType {
  MANUAL = 'manual',
  WEBHOOK = 'webhook',
  SCHEDULE = 'schedule',
}

registerEnumType(FlowTriggerType, {
  name: 'FlowTriggerType',
  description: 'MANUAL runs when started; WEBHOOK and SCHEDULE run on their own while the flow is active.',
});
