// The tool a request names: what the request rules know of a catalog entry
// (ToolView) and whether it can be asked for (checkTool). Its own module
// because intake and decisions both check it (the catalog may have changed
// between filing and approval) and a decision needs none of the other intake
// rules.
import type { CatalogStatus } from '../catalog/vocabulary';
import type { EffectivePolicy } from '../policy/effective-policy';
import { err, ok, type Result } from '../policy/result';
import type { RiskLevel } from '../policy/risk-policy';
import { refusal, type Refusal } from './refusal';

/** The catalog facts intake needs (structural, so request never depends on the catalog's internals). */
export interface ToolView {
  readonly id: string;
  readonly name: string;
  readonly status: CatalogStatus;
  readonly risk: RiskLevel;
  readonly connector: { readonly provider: string; readonly groupId: string } | null;
}

/** Only requestable, non-prohibited catalog entries can be asked for. */
export function checkTool(
  toolRef: string | null,
  tool: ToolView | undefined,
  policy: EffectivePolicy | undefined,
): Result<{ tool: ToolView; policy: EffectivePolicy }, Refusal> {
  if (!toolRef || toolRef.trim() === '')
    return err(
      refusal(
        'TOOL_MISSING',
        'The request does not name an AI tool. Choose one from the list of tools that can be requested.',
      ),
    );
  if (!tool || !policy)
    return err(
      refusal('TOOL_UNKNOWN', 'The AI tool named in the request is not in the catalog.', {
        tool: toolRef.slice(0, 120),
      }),
    );
  if (tool.status !== 'requestable' || !policy.requestable || tool.risk === 'prohibited') {
    const why =
      tool.risk === 'prohibited'
        ? 'is prohibited by the AI policy'
        : tool.status === 'proposed'
          ? 'has not been approved for use yet'
          : `is ${tool.status}`;
    return err(
      refusal('TOOL_NOT_REQUESTABLE', `The tool you asked for ${why}, so it cannot be requested.`, {
        toolId: tool.id,
        status: tool.status,
        risk: tool.risk,
      }),
    );
  }
  return ok({ tool, policy });
}
