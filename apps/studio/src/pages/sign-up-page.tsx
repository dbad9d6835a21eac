import { useMutation } from 'urql';
import { AuthForm } from '../auth/auth-form';
import { withNext } from '../auth/with-next';
import { RegisterMutation } from '../documents/auth';
import { Link } from '../router/link';
import { useLocation } from '../router/location';

export default function SignUpPage() {
  const next = useLocation().searchParams.get('next');
  const [, register] = useMutation(RegisterMutation);
  return (
    <AuthForm
      title="Create your account"
      withName
      submitLabel="Sign up"
      submit={async (input) => {
        const result = await register({ input });
        return { session: result.data?.register, error: result.error?.graphQLErrors[0]?.message ?? result.error?.message };
      }}
      footer={<>Have an account? <Link href={withNext('/sign-in', next)} data-testid="to-sign-in">Sign in</Link></>}
    />
  );
}
