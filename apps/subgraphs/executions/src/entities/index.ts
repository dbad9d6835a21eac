import { Execution } from './execution.entity';
import { ExecutionLog } from './execution-log.entity';
import { NodeRun } from './node-run.entity';
import { TriggerRegistration } from './trigger-registration.entity';

export const entities = [Execution, NodeRun, ExecutionLog, TriggerRegistration];
export { Execution, ExecutionLog, NodeRun, TriggerRegistration };
