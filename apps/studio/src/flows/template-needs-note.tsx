import type { FlowTemplatesQuery } from '../generated/graphql';
import { Link } from '../router/link';

type Need = FlowTemplatesQuery['flowTemplates'][number]['needs'][number];

/** "Needs an AI provider / a POSTGRES credential", each with a link to the page that sets it up. */
export function TemplateNeedsNote({ needs }: { readonly needs: readonly Need[] }) {
  const provider = needs.some((need) => need.kind === 'AI_PROVIDER');
  const credentialTypes = [...new Set(needs.filter((need) => need.kind === 'CREDENTIAL').flatMap((need) => need.credentialTypes))];
  const credentials = needs.some((need) => need.kind === 'CREDENTIAL');
  if (!provider && !credentials) return null;
  return (
    <ul className="template-needs" data-testid="template-needs">
      {provider && (
        <li data-testid="needs-ai-provider">
          Needs an AI provider: <Link href="/ai-providers" data-testid="needs-ai-provider-link">set one up</Link>
        </li>
      )}
      {credentials && (
        <li data-testid="needs-credential">
          Needs a credential{credentialTypes.length > 0 ? ` (${credentialTypes.join(', ')})` : ''}:{' '}
          <Link href="/credentials" data-testid="needs-credential-link">add one</Link>
        </li>
      )}
    </ul>
  );
}
