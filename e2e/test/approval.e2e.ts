import { describe, expect, it } from 'vitest';
import { withSignedInStudio } from '../src/signed-in-studio';
import type { Studio } from '../src/studio';

interface RunView {
  status: string;
  output: unknown;
  nodeRuns: Array<{ nodeId: string; output: unknown }>;
}

const runOf = (studio: Studio, id: string) =>
  studio.graphql<{ execution: RunView }>('query($id: ID!) { execution(id: $id) { status output nodeRuns { nodeId output } } }', { id }).then((data) => data.execution);

async function until(studio: Studio, id: string, done: (run: RunView) => boolean): Promise<RunView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const run = await runOf(studio, id);
    if (done(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} never got there: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('an approval page in Chromium', () => {
  let studio: Studio;
  withSignedInStudio((signedIn) => (studio = signedIn));

  /** Creates the flow start -> link ($resume.ask) -> ask (approval) -> yes | no, starts a run, and returns its approval link once it waits. */
  async function waitingApproval(order: string): Promise<{ id: string; link: string }> {
    const node = (id: string, type: string, x: number, data: Record<string, unknown>) => ({ id, type, position: { x, y: 200 }, data });
    const edge = (source: string, target: string, sourceHandle: string) => ({ id: `${source}-${target}`, source, target, sourceHandle, targetHandle: 'in' });
    const input = {
      name: `Approval ${order}`,
      nodes: [
        node('start', 'trigger.manual', 0, {}),
        node('link', 'transform', 200, { expression: '$resume.ask' }),
        node('ask', 'wait', 400, { mode: 'approval', message: 'Refund order {{ $input.order }}?', form: [{ name: 'amount', label: 'Amount', type: 'number', required: true }] }),
        node('yes', 'output', 600, { expression: '{ "approved": $ }' }),
        node('no', 'output', 600, { expression: '{ "rejectedBy": $.answeredBy }' }),
      ],
      edges: [edge('start', 'link', 'out'), edge('link', 'ask', 'out'), edge('ask', 'yes', 'out'), edge('ask', 'no', 'rejected')],
    };
    const { createFlow } = await studio.graphql<{ createFlow: { id: string } }>('mutation($input: FlowInput!) { createFlow(input: $input) { id } }', { input });
    const { startExecution } = await studio.graphql<{ startExecution: { id: string } }>('mutation($flowId: ID!, $input: JSON) { startExecution(flowId: $flowId, input: $input) { id } }', { flowId: createFlow.id, input: { order } });
    const run = await until(studio, startExecution.id, (r) => r.status === 'WAITING');
    return { id: startExecution.id, link: run.nodeRuns.find((r) => r.nodeId === 'link')!.output as string };
  }

  it('approves once through the page, with its form field and who answered; the link then says it was answered', async () => {
    const { id, link } = await waitingApproval('A-17');
    // The run's page says what it waits for.
    await studio.page.goto(`${studio.baseUrl}/executions/${id}`);
    await studio.testId('execution-waits').filter({ hasText: 'Waiting for node ask: an answer on its approval page' }).waitFor();
    expect(await studio.page.locator('.badge[data-status="waiting"]').count()).toBe(1);
    // On its canvas the parked node says it is waiting, and for what (not running).
    await studio.page.locator('[data-testid="node-status-ask"][data-status="waiting"]').filter({ hasText: 'waiting for approval' }).waitFor();
    // The page in a tab of its own: the studio's tab keeps its origin for the API calls (the approval page is sandboxed).
    const page = await studio.page.context().newPage();
    await page.goto(`${studio.baseUrl}${link}`);
    expect(await page.getByTestId('approval-message').textContent()).toBe('Refund order A-17?');
    await page.getByTestId('f-amount').fill('42.5');
    await page.getByTestId('approval-name').fill('Carol');
    await page.getByTestId('approve').click();
    await page.getByTestId('approval-recorded').filter({ hasText: 'You approved this, as Carol.' }).waitFor();
    const done = await until(studio, id, (r) => r.status === 'SUCCEEDED');
    expect(done.output).toMatchObject({ approved: { decision: 'approve', fields: { amount: 42.5 }, answeredBy: 'Carol' } });
    await page.goto(`${studio.baseUrl}${link}`);
    await page.getByTestId('approval-closed').waitFor();
    await page.close();
  });

  it('takes the reject path when the page is answered Reject', async () => {
    const { id, link } = await waitingApproval('B-2');
    const page = await studio.page.context().newPage();
    await page.goto(`${studio.baseUrl}${link}`);
    await page.getByTestId('f-amount').fill('1');
    await page.getByTestId('approval-name').fill('Dave');
    await page.getByTestId('reject').click();
    await page.getByTestId('approval-recorded').filter({ hasText: 'You rejected this, as Dave.' }).waitFor();
    expect((await until(studio, id, (r) => r.status === 'SUCCEEDED')).output).toEqual({ rejectedBy: 'Dave' });
    await page.close();
  });
});
