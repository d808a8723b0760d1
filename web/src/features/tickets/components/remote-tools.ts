// The remote-assistance tools the API knows (REMOTE_TOOLS in common/schemas/remote-sessions.ts,
// which carries zod and stays out of the bundle).
import type { RemoteTool } from '../../../../../common/schemas/remote-sessions.ts';

export const REMOTE_TOOLS: readonly RemoteTool[] = ['teamviewer', 'anydesk', 'rustdesk', 'chrome_remote_desktop', 'quick_assist', 'vnc', 'other'];

type ToolKey = `tool_${RemoteTool}`;
export function toolName(t: (key: ToolKey) => string, tool: string | null): string {
  return REMOTE_TOOLS.includes(tool as RemoteTool) ? t(`tool_${tool as RemoteTool}`) : (tool ?? '');
}
