/** The studio page where an invitation is accepted. */
export const ACCEPT_INVITATION_PATH = '/invitations/accept';

/**
 * The link an inviter hands on: the accept page with the invitation's token in the fragment.
 * Browsers never send a fragment to the server, nor in a Referer, so the token reaches no access
 * log and no other site: only the invitee's browser reads it.
 */
export function invitationLink(token: string, origin: string): string {
  return `${origin}${ACCEPT_INVITATION_PATH}#token=${encodeURIComponent(token)}`;
}

/** The token in an accept link's fragment (`#token=...`), or null when there is none. */
export function invitationTokenOf(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') || null;
}
