import { useMutation } from 'urql';
import { AuthForm } from '../auth/auth-form';
import { withNext } from '../auth/with-next';
import { LoginMutation } from '../documents/auth';
import { Link } from '../router/link';
import { useLocation } from '../router/location';

export default function SignInPage() {
  const next = useLocation().searchParams.get('next');
  const [, login] = useMutation(LoginMutation);
  return (
    <AuthForm
      title="Sign in"
      withName={false}
      submitLabel="Sign in"
      submit={async ({ email, password }) => {
        const result = await login({ input: { email, password } });
        return { session: result.data?.login, error: result.error?.graphQLErrors[0]?.message ?? result.error?.message };
      }}
      footer={<>New here? <Link href={withNext('/sign-up', next)} data-testid="to-sign-up">Create an account</Link></>}
    />
  );
}
