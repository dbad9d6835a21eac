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
  let ownerEmail: string;
  let inviteeEmail: string;
  beforeAll(async () => {
    browsers.push(await launchBrowser(), await launchBrowser());
    owner = new Studio(await browsers[0]!.newPage(), inject('baseUrl'));
    invitee = new Studio(await browsers[1]!.newPage(), inject('baseUrl'));
    ownerEmail = await owner.signUp();
    inviteeEmail = await invitee.signUp();
  });
  afterAll(() => Promise.all(browsers.map((browser) => browser.close())));

  it("invites a second user's email; the header tells them, they accept, switch there, and appear in the owner's member list", async () => {
    await owner.testId('nav-members').click();
    await owner.testId('invite-email').fill(inviteeEmail);
    await owner.testId('invite-role').selectOption('EDITOR');
    await owner.testId('invite-submit').click();
    await owner.testId('invite-sent').filter({ hasText: inviteeEmail }).waitFor();
    await owner.testId('pending-invitations').locator('tbody tr', { hasText: inviteeEmail }).waitFor();

    // The invitee is elsewhere in the studio: the header's badge says an invitation waits, and leads to it.
    expect(invitee.page.url()).not.toMatch(/\/members$/);
    await invitee.page.reload();
    const badge = invitee.testId('invitations-badge').filter({ hasText: /^1 invitation$/ });
    await badge.waitFor();
    await invitee.screenshot('invitations-badge');
    await badge.click();
    await invitee.page.waitForURL(/\/members$/);
    const invitation = invitee.testId('my-invitations').locator('tbody tr');
    await invitation.filter({ hasText: 'editor' }).waitFor();
    await invitation.locator('[data-testid="accept-invitation"]').click();
    await invitee.testId('joined-workspace').waitFor();
    await invitee.testId('invitations-badge').waitFor({ state: 'detached' });
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
    expect(await member.locator('[data-testid="member-role-select"]').inputValue()).toBe('EDITOR');
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

  it("changes a member's role and removes them; the only owner cannot step down", async () => {
    const baseUrl = inject('baseUrl');
    const ownerWorkspace = await workspaceIdOf(owner);
    await owner.page.goto(`${baseUrl}/members`);
    const rows = owner.testId('member-list').locator('tbody tr');
    const member = rows.filter({ hasText: inviteeEmail });
    const me = rows.filter({ hasText: ownerEmail });
    /** The role a row's picker shows, once the row is there (after a reload the list loads again). */
    const roleIn = async (row: typeof member) => {
      await row.waitFor();
      return row.locator('[data-testid="member-role-select"]').inputValue();
    };
    const settled = { timeout: 10_000 };

    await member.locator('[data-testid="member-role-select"]').selectOption('VIEWER');
    await expect.poll(() => roleIn(member), settled).toBe('VIEWER');
    await owner.page.reload();
    await expect.poll(() => roleIn(member), settled).toBe('VIEWER');

    // The member sees their new role, and none of an owner's controls.
    await invitee.page.goto(`${baseUrl}/members`);
    await invitee.testId('member-list').locator('tbody tr', { hasText: inviteeEmail }).locator('[data-testid="member-role"]').filter({ hasText: /^viewer$/ }).waitFor();
    expect(await invitee.testId('member-role-select').count()).toBe(0);
    expect(await invitee.testId('remove-member').count()).toBe(0);

    // The only owner cannot demote themselves (nor is offered to remove themselves): the server
    // refuses with CONFLICT, the page says why, and the role stays.
    expect(await me.locator('[data-testid="remove-member"]').count()).toBe(0);
    await me.locator('[data-testid="member-role-select"]').selectOption('EDITOR');
    const refused = owner.testId('member-change-error');
    await refused.filter({ hasText: 'at least one owner' }).waitFor();
    expect(await refused.getAttribute('data-code')).toBe('CONFLICT');
    expect(await roleIn(me)).toBe('OWNER');
    await owner.page.reload();
    await expect.poll(() => roleIn(me), settled).toBe('OWNER');

    owner.page.once('dialog', (dialog) => void dialog.accept());
    await member.locator('[data-testid="remove-member"]').click();
    await member.waitFor({ state: 'detached' });
    await owner.page.reload();
    await me.waitFor();
    expect(await member.count()).toBe(0);
    await owner.screenshot('members-managed');

    // The removed member's studio no longer offers the workspace.
    await invitee.page.reload();
    await invitee.testId('workspace-switcher').waitFor();
    await expect.poll(() => invitee.testId('workspace-switcher').locator(`option[value="${ownerWorkspace}"]`).count(), settled).toBe(0);
  });
});
