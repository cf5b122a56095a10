// Flags are the product's, not the iframe's: @forge/bridge's showFlag asks the host page to show one
// (https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/showFlag/), so it is
// visible even when the module is a small panel.
import { showFlag } from '@forge/bridge';

let next = 0;

export function flag(type: 'success' | 'error' | 'info' | 'warning', title: string, description?: string): void {
  next += 1;
  showFlag({
    id: `aic-flag-${next}`,
    type,
    title,
    ...(description ? { description } : {}),
    isAutoDismiss: type === 'success' || type === 'info',
  });
}
