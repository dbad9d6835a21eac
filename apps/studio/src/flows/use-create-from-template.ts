import { useMutation } from 'urql';
import { CreateFlowFromTemplateMutation } from '../documents/flows';
import { navigate } from '../router/location';

/**
 * Creates a flow (inactive, as every new flow) from a template and opens it in the editor. The
 * server gives the flow the template's sample input, so its first run and tests work as they stand.
 */
export function useCreateFromTemplate() {
  const [state, create] = useMutation(CreateFlowFromTemplateMutation);
  const createFrom = async (templateId: string) => {
    const result = await create({ templateId });
    if (!result.data) return;
    const flowId = result.data.createFlowFromTemplate.id;
    navigate(`/flows/${flowId}`);
  };
  return [state, createFrom] as const;
}
