import { useState } from 'react';

/**
 * The link that accepts a new invitation, shown to the inviter this once (the server keeps only a
 * hash of its token). There is no mailer: the inviter sends it on themselves.
 */
export function InvitationLinkBox({ email, link, onDone }: { email: string; link: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="card secret invitation-link" role="status" data-testid="invite-link-box">
      <p>
        Send this link to {email}; it is shown only now. It works once, for whoever signs in (or signs up) as {email}, until the
        invitation expires. Inviting {email} again makes a new link and this one stops working.
      </p>
      <input readOnly value={link} aria-label={`Invitation link for ${email}`} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" />{' '}
      {/* The clipboard API exists only on HTTPS or localhost; elsewhere the link is selectable text. */}
      {navigator.clipboard && (
        <button type="button" onClick={() => void navigator.clipboard.writeText(link).then(() => setCopied(true))} data-testid="copy-invite-link">
          {copied ? 'Copied' : 'Copy link'}
        </button>
      )}{' '}
      <button type="button" onClick={onDone} data-testid="invite-link-done">Done</button>
    </div>
  );
}
