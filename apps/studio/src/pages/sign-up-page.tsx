import { useMutation } from 'urql';
import { AuthForm } from '../auth/auth-form';
import { RegisterMutation } from '../documents/auth';
import { Link } from '../router/link';

export default function SignUpPage() {
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
      footer={<>Have an account? <Link href="/sign-in" data-testid="to-sign-in">Sign in</Link></>}
    />
  );
}
