import { useMutation } from 'urql';
import { ActivateFlowMutation, DeactivateFlowMutation } from '../documents/flows';
import type { FlowTriggerType } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';

const TRIGGER_LABELS: Record<FlowTriggerType, string> = { MANUAL: 'manual', WEBHOOK: 'webhook', SCHEDULE: 'schedule' };

/** The flow's trigger kinds as small labels. */
export function TriggerTypes({ types }: { types: readonly FlowTriggerType[] }) {
  if (types.length === 0) return <span className="muted">no trigger</span>;
  return <>{types.map((type) => <span key={type} className="badge" data-testid={`trigger-type-${type.toLowerCase()}`}>{TRIGGER_LABELS[type]}</span>)}</>;
}

/**
 * Active / inactive with a switch. Only webhook and schedule triggers run on their own, so a flow
 * without one has nothing to activate. When activation returns, the webhook answers and the
 * schedule is due (the server registers them before answering).
 */
export function ActivationToggle({ flowId, active, triggerTypes, disabled, onChanged }: {
  flowId: string;
  active: boolean;
  triggerTypes: readonly FlowTriggerType[];
  /** E.g. unsaved edits: the switch acts on the saved version. */
  disabled?: boolean;
  onChanged?: (active: boolean) => void;
}) {
  const [activation, activate] = useMutation(ActivateFlowMutation);
  const [deactivation, deactivate] = useMutation(DeactivateFlowMutation);
  const triggered = triggerTypes.includes('WEBHOOK') || triggerTypes.includes('SCHEDULE');
  const busy = activation.fetching || deactivation.fetching;
  const toggle = async () => {
    const result = active ? await deactivate({ id: flowId }) : await activate({ id: flowId });
    const flow = result.data && ('activateFlow' in result.data ? result.data.activateFlow : result.data.deactivateFlow);
    if (flow) onChanged?.(flow.active);
  };
  const error = activation.error ?? deactivation.error;
  return (
    <span className="activation">
      <label className="check" title={triggered ? 'Webhook and schedule triggers run on their own only while active' : 'Add a webhook or schedule trigger to activate'}>
        <input type="checkbox" role="switch" checked={active} disabled={!triggered || busy || disabled} onChange={() => void toggle()} data-testid="activation-toggle" />
        <span data-testid="activation-state">{active ? 'Active' : 'Inactive'}</span>
      </label>
      {error && <span role="alert" className="error" data-testid="activation-error">{errorMessage(error)}</span>}
    </span>
  );
}
