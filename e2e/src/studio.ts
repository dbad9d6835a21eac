import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const byTestId = (id: string) => `[data-testid="${id}"]`;

/** The studio as a user drives it; every element is found by `data-testid`. */
export class Studio {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  testId(id: string): Locator {
    return this.page.locator(byTestId(id));
  }

  async signUp(email = `user-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`): Promise<string> {
    await this.page.goto(`${this.baseUrl}/sign-up`);
    await this.testId('auth-name').fill('E2E User');
    await this.testId('auth-email').fill(email);
    await this.testId('auth-password').fill('correct horse battery');
    await this.testId('auth-submit').click();
    await this.testId('signed-in-user').filter({ hasText: email }).waitFor();
    return email;
  }

  /** The workspace the studio is acting in, from its stored session. */
  workspaceId(): Promise<string> {
    return this.page.evaluate(() => (JSON.parse(localStorage.getItem('omnitron.session')!) as { workspace: { id: string } }).workspace.id);
  }

  /** One GraphQL operation as the signed-in user, from the page through the gateway; throws with the answer when it has no data. */
  graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.page.evaluate(
      async ({ query, variables }) => {
        const { accessToken } = JSON.parse(localStorage.getItem('omnitron.session')!) as { accessToken: string };
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { data?: unknown; errors?: unknown };
        if (!body.data) throw new Error(`${query} failed: ${JSON.stringify(body)}`);
        return body.data;
      },
      { query, variables },
    ) as Promise<T>;
  }

  /** Creates a shared workspace as the signed-in user, through the API (the studio has no form for it); returns its id. */
  async createWorkspace(name: string): Promise<string> {
    const data = await this.graphql<{ createWorkspace: { id: string } }>('mutation($name: String!) { createWorkspace(name: $name) { id } }', { name });
    return data.createWorkspace.id;
  }

  /** Creates an empty flow (one manual trigger, id `start`) and opens it in the editor. */
  async createEmptyFlow(): Promise<string> {
    await this.page.goto(`${this.baseUrl}/flows`);
    await this.testId('new-flow').click();
    await this.page.waitForURL(/\/flows\/[^/]+$/);
    await this.testId('node-start').waitFor();
    return this.page.url().split('/').pop()!;
  }

  async nodeIds(): Promise<string[]> {
    const ids = await this.page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id') ?? ''));
    return ids.filter(Boolean);
  }

  /** Drags a palette item onto the canvas at (x, y) relative to the canvas; returns the new node's id. */
  async dragNode(type: string, x: number, y: number): Promise<string> {
    const before = new Set(await this.nodeIds());
    await this.testId(`palette-item-${type}`).dragTo(this.testId('flow-canvas'), { targetPosition: { x, y } });
    await this.page.waitForFunction((count) => document.querySelectorAll('.react-flow__node').length > count, before.size);
    const added = (await this.nodeIds()).find((id) => !before.has(id));
    if (!added) throw new Error(`dropping ${type} added no node`);
    return added;
  }

  /** Drags from an output handle to an input handle, as a user connects two nodes. */
  async connect(source: string, sourceHandle: string, target: string, targetHandle = 'in'): Promise<void> {
    const from = await this.testId(`handle-${source}-out-${sourceHandle}`).boundingBox();
    const to = await this.testId(`handle-${target}-in-${targetHandle}`).boundingBox();
    if (!from || !to) throw new Error(`handle not visible: ${source}.${sourceHandle} -> ${target}.${targetHandle}`);
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  async edgeCount(): Promise<number> {
    return this.page.locator('.react-flow__edge').count();
  }

  async selectNode(id: string): Promise<void> {
    await this.testId(`node-${id}`).click();
    await this.testId('config-node-id').filter({ hasText: id }).waitFor();
  }

  async configure(id: string, field: string, value: string): Promise<void> {
    await this.selectNode(id);
    await this.testId(`field-${field}`).fill(value);
  }

  async save(message: string): Promise<void> {
    await this.testId('save-button').click();
    await this.testId('save-message').fill(message);
    await this.testId('save-confirm').click();
    await this.testId('save-button').filter({ hasText: /^Saved$/ }).waitFor();
  }

  async run(input: unknown): Promise<void> {
    await this.testId('run-button').click();
    await this.testId('run-input').fill(JSON.stringify(input));
    await this.testId('run-confirm').click();
    await this.testId('run-status').waitFor();
  }

  async waitForNodeStatus(id: string, status: string, timeout = 30_000): Promise<void> {
    await this.page.locator(`${byTestId(`node-status-${id}`)}[data-status="${status}"]`).waitFor({ timeout });
  }

  async waitForRunStatus(status: string, timeout = 30_000): Promise<void> {
    await this.page.locator(`${byTestId('run-status')}[data-status="${status}"]`).waitFor({ timeout });
  }

  async screenshot(name: string): Promise<void> {
    await mkdir(ARTIFACTS, { recursive: true });
    await this.page.screenshot({ path: `${ARTIFACTS}${name}.png` });
  }
}
