import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../src/browser';
import { Studio } from '../src/studio';

/** The workspace the studio in `studio` is acting in, from its stored session. */
const workspaceIdOf = (studio: Studio): Promise<string> =>
  studio.page.evaluate(() => (JSON.parse(localStorage.getItem('omnitron.session')!) as { workspace: { id: string } }).workspace.id);

describe('workspace members', () => {
  // Two browsers, as two people: the studio keeps its session in the profile's localStorage.
  const browsers: Browser[] = [];
  let owner: Studio;
  let invitee: Studio;
  let inviteeEmail: string;
  beforeAll(async () => {
    browsers.push(await launchBrowser(), await launchBrowser());
    owner = new Studio(await browsers[0]!.newPage(), inject('baseUrl'));
    invitee = new Studio(await browsers[1]!.newPage(), inject('baseUrl'));
    await owner.signUp();
    inviteeEmail = await invitee.signUp();
  });
  afterAll(() => Promise.all(browsers.map((browser) => browser.close())));

  it("invites a second user's email; they accept, switch there, and appear in the owner's member list", async () => {
    await owner.testId('nav-members').click();
    await owner.testId('invite-email').fill(inviteeEmail);
    await owner.testId('invite-role').selectOption('EDITOR');
    await owner.testId('invite-submit').click();
    await owner.testId('invite-sent').filter({ hasText: inviteeEmail }).waitFor();
    await owner.testId('pending-invitations').locator('tbody tr', { hasText: inviteeEmail }).waitFor();

    await invitee.testId('nav-members').click();
    const invitation = invitee.testId('my-invitations').locator('tbody tr');
    await invitation.filter({ hasText: 'editor' }).waitFor();
    await invitation.locator('[data-testid="accept-invitation"]').click();
    await invitee.testId('joined-workspace').waitFor();
    // Switching reloads the page, at /members again: wait for that load, not just the URL.
    const reloaded = invitee.page.waitForEvent('load');
    await invitee.testId('switch-to-joined').click();
    await reloaded;
    expect(invitee.page.url()).toMatch(/\/members$/);
    const ownerWorkspace = await workspaceIdOf(owner);
    await expect.poll(() => workspaceIdOf(invitee)).toBe(ownerWorkspace);
    await expect.poll(() => invitee.testId('workspace-switcher').inputValue()).toBe(ownerWorkspace);
    await invitee.testId('member-list').locator('tbody tr', { hasText: inviteeEmail }).waitFor();

    await owner.page.reload();
    const member = owner.testId('member-list').locator('tbody tr', { hasText: inviteeEmail });
    await member.waitFor();
    expect(await member.locator('[data-testid="member-role"]').textContent()).toBe('editor');
    await owner.testId('no-pending-invitations').waitFor();
    await owner.screenshot('members');
  });

  it('revokes a pending invitation, which leaves the list for good', async () => {
    const email = `pending-${Date.now()}@example.com`;
    await owner.page.goto(`${inject('baseUrl')}/members`);
    await owner.testId('invite-email').fill(email);
    await owner.testId('invite-submit').click();
    const row = owner.testId('pending-invitations').locator('tbody tr', { hasText: email });
    await row.waitFor();
    await row.locator('[data-testid="revoke-invitation"]').press('Enter');
    await row.waitFor({ state: 'detached' });
    await owner.page.reload();
    await owner.testId('no-pending-invitations').waitFor();
    expect(await owner.testId('pending-invitations').locator('tbody tr', { hasText: email }).count()).toBe(0);
  });
});
