import { useState, type FormEvent, type ReactNode } from 'react';
import { sessionStore, type Session } from './session-store';
import { navigate, useLocation } from '../router/location';

interface AuthFormProps {
  readonly title: string;
  readonly withName: boolean;
  readonly submitLabel: string;
  readonly submit: (fields: { email: string; password: string; name: string }) => Promise<{ session?: Session; error?: string }>;
  readonly footer: ReactNode;
}

/** Sign-in and sign-up share one form; on success the session is stored and `?next=` is opened. */
export function AuthForm({ title, withName, submitLabel, submit, footer }: AuthFormProps) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = useLocation().searchParams.get('next') ?? '/flows';
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    const result = await submit({ email: field('email'), password: field('password'), name: field('name') });
    setBusy(false);
    if (!result.session) return setError(result.error ?? 'Something went wrong');
    sessionStore.set(result.session);
    navigate(next.startsWith('/') ? next : '/flows', { replace: true });
  };
  return (
    <form className="auth-form card" onSubmit={onSubmit} aria-labelledby="auth-title">
      <h1 id="auth-title">{title}</h1>
      {withName && (
        <label>Name<input name="name" required autoComplete="name" data-testid="auth-name" /></label>
      )}
      <label>Email<input name="email" type="email" required autoComplete="email" data-testid="auth-email" /></label>
      <label>
        Password
        <input name="password" type="password" required minLength={8} autoComplete={withName ? 'new-password' : 'current-password'} data-testid="auth-password" />
      </label>
      {error && <p role="alert" className="error" data-testid="auth-error">{error}</p>}
      <button type="submit" disabled={busy} data-testid="auth-submit">{submitLabel}</button>
      <p className="muted">{footer}</p>
    </form>
  );
}
