const key = (flowId: string) => `omnitron.run-input.${flowId}`;

/** The last run input used for a flow, so the next run starts from it. */
export function rememberedInput(flowId: string): string {
  return localStorage.getItem(key(flowId)) ?? '{}';
}

export function rememberInput(flowId: string, text: string): void {
  localStorage.setItem(key(flowId), text);
}
