import { AcceptInvitation } from '../members/accept-invitation';

/** `/invitations/accept#token=...`: where an invitation link lands (signing in or up first when needed). */
export default function AcceptInvitationPage() {
  return (
    <section className="page">
      <AcceptInvitation />
    </section>
  );
}
