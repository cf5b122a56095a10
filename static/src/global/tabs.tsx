// The tabs of My AI access. A tab is a label and a component: add one here (e.g. an approver's
// "Approvals" tab, shown only when `visible` says so) and the page picks it up.
import type { ReactNode } from 'react';

export interface AccessTab {
  id: string;
  label: string;
  render: () => ReactNode;
  /** Whether the signed-in person sees the tab (default: everyone). */
  visible?: boolean;
}

export const TABS: AccessTab[] = [];
