import { Execution } from './execution.entity';
import { ExecutionLog } from './execution-log.entity';
import { ExecutionWait } from './execution-wait.entity';
import { NodeRun } from './node-run.entity';
import { ResumeOutput } from './resume-output.entity';
import { TriggerRegistration } from './trigger-registration.entity';

export const entities = [Execution, NodeRun, ExecutionLog, TriggerRegistration, ResumeOutput, ExecutionWait];
export { Execution, ExecutionLog, ExecutionWait, NodeRun, ResumeOutput, TriggerRegistration };
