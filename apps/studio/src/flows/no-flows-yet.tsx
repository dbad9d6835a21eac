import { TemplateCards } from './template-cards';

/** The flow list of a workspace with no flows: start from a template card, or create one. */
export function NoFlowsYet() {
  return (
    <div className="first-contact" data-testid="flow-list-empty">
      <p className="muted">No flows yet: create one, or start from a template. Each runs as it stands with its sample input.</p>
      <TemplateCards testIdPrefix="start-" />
    </div>
  );
}
