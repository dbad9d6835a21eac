/**
 * `path` passing on where to go once signed in (`?next=`), so moving between sign-in and sign-up
 * keeps it: an invitation link opened while signed out leads back to its invitation either way.
 */
export function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
