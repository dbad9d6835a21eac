import { useMutation } from 'urql';
import { CreateFlowFromTemplateMutation } from '../documents/flows';
import { navigate } from '../router/location';
import { rememberInput } from '../run/remembered-input';

/**
 * Creates a flow (inactive, as every new flow) from a template and opens it in the editor, with
 * the template's sample input as the run dialog's input so the first run works as it stands.
 */
export function useCreateFromTemplate() {
  const [state, create] = useMutation(CreateFlowFromTemplateMutation);
  const createFrom = async (templateId: string, sampleInput: unknown) => {
    const result = await create({ templateId });
    if (!result.data) return;
    const flowId = result.data.createFlowFromTemplate.id;
    rememberInput(flowId, JSON.stringify(sampleInput, null, 2));
    navigate(`/flows/${flowId}`);
  };
  return [state, createFrom] as const;
}
