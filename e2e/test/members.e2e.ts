import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../src/browser';
import { Studio } from '../src/studio';

/**
 * `studio`, an owner on the Members page, invites `email` as `role`; returns the link the page shows
 * once (the only way to accept the invitation).
 */
async function invite(studio: Studio, email: string, role: 'OWNER' | 'EDITOR' | 'VIEWER'): Promise<string> {
  await studio.testId('invite-email').fill(email);
  await studio.testId('invite-role').selectOption(role);
  await studio.testId('invite-submit').click();
  await studio.testId('invite-sent').filter({ hasText: email }).waitFor();
  return studio.testId('invite-link').inputValue();
}

describe('workspace members', () => {
  // Two browsers, as two people: the studio keeps its session in the profile's localStorage.
  const browsers: Browser[] = [];
  let owner: Studio;
  let invitee: Studio;
  let ownerEmail: string;
  let inviteeEmail: string;
  /** The invitee's personal workspace, where signing up leaves them. */
  let inviteeHome: string;
  beforeAll(async () => {
    browsers.push(await launchBrowser(), await launchBrowser());
    owner = new Studio(await browsers[0]!.newPage(), inject('baseUrl'));
    invitee = new Studio(await browsers[1]!.newPage(), inject('baseUrl'));
    ownerEmail = await owner.signUp();
    inviteeEmail = await invitee.signUp();
    inviteeHome = await invitee.workspaceId();
  });
  afterAll(() => Promise.all(browsers.map((browser) => browser.close())));

  it("invites a second user's email and is shown the link once; the header tells them, the link lets them accept, switch there, and appear in the owner's member list", async () => {
    await owner.testId('nav-members').click();
    const link = await invite(owner, inviteeEmail, 'EDITOR');
    expect(link).toMatch(new RegExp(`^${inject('baseUrl')}/invitations/accept#token=omi_[A-Za-z0-9_-]{43}$`));
    await owner.testId('copy-invite-link').click();
    await owner.testId('copy-invite-link').filter({ hasText: 'Copied' }).waitFor();
    expect(await owner.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await owner.screenshot('invitation-link');
    await owner.testId('pending-invitations').locator('tbody tr', { hasText: inviteeEmail }).waitFor();
    // Shown once: after a reload the invitation is listed, its link is not.
    await owner.page.reload();
    await owner.testId('pending-invitations').locator('tbody tr', { hasText: inviteeEmail }).waitFor();
    expect(await owner.testId('invite-link').count()).toBe(0);

    // The invitee is elsewhere in the studio: the header's badge says an invitation waits, and leads to
    // the list, which accepts nothing by itself: it asks for the link.
    expect(invitee.page.url()).not.toMatch(/\/members$/);
    await invitee.page.reload();
    const badge = invitee.testId('invitations-badge').filter({ hasText: /^1 invitation$/ });
    await badge.waitFor();
    await invitee.screenshot('invitations-badge');
    await badge.click();
    await invitee.page.waitForURL(/\/members$/);
    await invitee.testId('my-invitations').locator('tbody tr').filter({ hasText: 'editor' }).waitFor();
    await invitee.testId('my-invitations-how').waitFor();
    expect(await invitee.testId('accept-invitation').count()).toBe(0);

    // The link reaching another account (the owner's own) accepts nothing.
    await owner.page.goto(link);
    await owner.testId('invitation-invalid').waitFor();
    expect(await owner.testId('accept-invitation').count()).toBe(0);

    await invitee.page.goto(link);
    await invitee.testId('invitation-summary').filter({ hasText: 'as editor' }).waitFor();
    await invitee.screenshot('accept-invitation');
    await invitee.testId('accept-invitation').click();
    await invitee.testId('joined-workspace').waitFor();
    await invitee.testId('invitations-badge').waitFor({ state: 'detached' });
    expect(new URL(invitee.page.url()).hash).toBe('');
    // Switching reloads the page, at /members: wait for that load, not just the URL.
    const reloaded = invitee.page.waitForEvent('load');
    await invitee.testId('switch-to-joined').click();
    await reloaded;
    expect(invitee.page.url()).toMatch(/\/members$/);
    const ownerWorkspace = await owner.workspaceId();
    await expect.poll(() => invitee.workspaceId()).toBe(ownerWorkspace);
    await expect.poll(() => invitee.testId('workspace-switcher').inputValue()).toBe(ownerWorkspace);
    await invitee.testId('member-list').locator('tbody tr', { hasText: inviteeEmail }).waitFor();

    // Used once: opened again, the link accepts nothing.
    await invitee.page.goto(link);
    await invitee.testId('invitation-invalid').waitFor();

    await owner.page.goto(`${inject('baseUrl')}/members`);
    const member = owner.testId('member-list').locator('tbody tr', { hasText: inviteeEmail });
    await member.waitFor();
    expect(await member.locator('[data-testid="member-role-select"]').inputValue()).toBe('EDITOR');
    await owner.testId('no-pending-invitations').waitFor();
    await owner.screenshot('members');
  });

  it('brings a newcomer who opens the link signed out through sign-up back to the invitation', async () => {
    const newcomerBrowser = await launchBrowser();
    browsers.push(newcomerBrowser);
    const newcomer = new Studio(await newcomerBrowser.newPage(), inject('baseUrl'));
    const email = `newcomer-${Date.now()}@example.com`;
    await owner.page.goto(`${inject('baseUrl')}/members`);
    const link = await invite(owner, email, 'VIEWER');

    await newcomer.page.goto(link);
    await newcomer.page.waitForURL(/\/sign-in\?next=/);
    await newcomer.testId('to-sign-up').click();
    await newcomer.page.waitForURL(/\/sign-up\?next=/);
    await newcomer.testId('auth-name').fill('Newcomer');
    await newcomer.testId('auth-email').fill(email);
    await newcomer.testId('auth-password').fill('correct horse battery');
    await newcomer.testId('auth-submit').click();
    await newcomer.testId('invitation-summary').filter({ hasText: 'as viewer' }).waitFor();
    await newcomer.testId('accept-invitation').click();
    await newcomer.testId('joined-workspace').waitFor();
    await owner.page.reload();
    await owner.testId('member-list').locator('tbody tr', { hasText: email }).waitFor();
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

  it("changes a member's role and removes them; the owner of a personal workspace cannot step down", async () => {
    const baseUrl = inject('baseUrl');
    const ownerWorkspace = await owner.workspaceId();
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

    // The member sees their new role, and none of an owner's controls; they could leave this
    // workspace (someone else's personal one), its owner cannot.
    await invitee.page.goto(`${baseUrl}/members`);
    await invitee.testId('member-list').locator('tbody tr', { hasText: inviteeEmail }).locator('[data-testid="member-role"]').filter({ hasText: /^viewer$/ }).waitFor();
    expect(await invitee.testId('member-role-select').count()).toBe(0);
    expect(await invitee.testId('remove-member').count()).toBe(0);
    await invitee.testId('leave-workspace').waitFor();
    await me.waitFor();
    expect(await owner.testId('leave-workspace').count()).toBe(0);

    // The owner of this personal workspace cannot demote themselves (nor is offered to remove
    // themselves or leave): the server refuses with CONFLICT, the page says why, and the role stays.
    expect(await me.locator('[data-testid="remove-member"]').count()).toBe(0);
    await me.locator('[data-testid="member-role-select"]').selectOption('EDITOR');
    const refused = owner.testId('member-change-error');
    await refused.filter({ hasText: 'your personal workspace' }).waitFor();
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

  it('leaves a shared workspace after confirming, landing in a workspace still joined; its only owner is refused with CONFLICT', async () => {
    const baseUrl = inject('baseUrl');
    const settled = { timeout: 10_000 };
    const team = await owner.createWorkspace(`Team ${Date.now()}`);
    await owner.page.reload();
    const switched = owner.page.waitForEvent('load');
    await owner.testId('workspace-switcher').selectOption(team);
    await switched;
    await owner.page.goto(`${baseUrl}/members`);

    // The only owner may try to leave; the server refuses and the page shows its code and why.
    owner.page.once('dialog', (dialog) => void dialog.accept());
    await owner.testId('leave-workspace').click();
    const refused = owner.testId('leave-workspace-error');
    await refused.filter({ hasText: 'at least one owner' }).waitFor();
    expect(await refused.getAttribute('data-code')).toBe('CONFLICT');
    expect(await owner.workspaceId()).toBe(team);

    // The invitee joins the team with the link, switches there, and leaves it.
    const link = await invite(owner, inviteeEmail, 'VIEWER');
    await invitee.page.goto(link);
    await invitee.testId('accept-invitation').click();
    const joined = invitee.page.waitForEvent('load');
    await invitee.testId('switch-to-joined').click();
    await joined;
    await expect.poll(() => invitee.workspaceId()).toBe(team);
    const leave = invitee.testId('leave-workspace');
    await leave.waitFor();
    await invitee.screenshot('leave-workspace');

    // Dismissing the confirmation changes nothing.
    invitee.page.once('dialog', (dialog) => void dialog.dismiss());
    await leave.click();
    expect(await invitee.workspaceId()).toBe(team);

    invitee.page.once('dialog', (dialog) => void dialog.accept());
    const left = invitee.page.waitForEvent('load');
    await leave.click();
    await left;
    await expect.poll(() => invitee.workspaceId(), settled).toBe(inviteeHome);
    await expect.poll(() => invitee.testId('workspace-switcher').inputValue(), settled).toBe(inviteeHome);
    expect(await invitee.testId('workspace-switcher').locator(`option[value="${team}"]`).count()).toBe(0);

    // Their personal workspace offers no way out.
    await invitee.page.goto(`${baseUrl}/members`);
    await invitee.testId('member-list').locator('tbody tr', { hasText: inviteeEmail }).waitFor();
    expect(await invitee.testId('leave-workspace').count()).toBe(0);

    await owner.page.reload();
    await owner.testId('member-list').locator('tbody tr', { hasText: ownerEmail }).waitFor();
    expect(await owner.testId('member-list').locator('tbody tr', { hasText: inviteeEmail }).count()).toBe(0);
  });
});
