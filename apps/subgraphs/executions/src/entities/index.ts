import { Execution } from './execution.entity';
import { ExecutionLog } from './execution-log.entity';
import { NodeRun } from './node-run.entity';
import { ResumeOutput } from './resume-output.entity';
import { TriggerRegistration } from './trigger-registration.entity';

export const entities = [Execution, NodeRun, ExecutionLog, TriggerRegistration, ResumeOutput];
export { Execution, ExecutionLog, NodeRun, ResumeOutput, TriggerRegistration };
