// The tabs of My AI access. A tab is an id, a label and what it renders from the page's data: add one
// here (e.g. an approver's "Approvals" tab, with `visible` saying who sees it) and the page picks it up.
import type { ReactNode } from 'react';
import type { MyAccess } from '../shared/access';
import type { RequestableTool } from '../shared/types';
import { Approvals } from '../agent/approvals';
import { Directory } from './directory';
import { MyGrants } from './my-access';
import { MyRequests } from './my-requests';

export interface PageData {
  access: MyAccess;
  tools: RequestableTool[];
  /** Whether the person is an agent of the AI Clearance project (the approvals resolvers answer them). */
  approver: boolean;
}

export interface AccessTab {
  id: string;
  label: string;
  render: (data: PageData, reload: () => void) => ReactNode;
  /** Whether the signed-in person sees the tab (default: everyone). */
  visible?: (data: PageData) => boolean;
}

export const TABS: AccessTab[] = [
  { id: 'access', label: 'My access', render: (d, reload) => <MyGrants data={d.access} reload={reload} /> },
  { id: 'requests', label: 'My requests', render: (d) => <MyRequests data={d.access} /> },
  { id: 'directory', label: 'Approved tools', render: (d) => <Directory tools={d.tools} /> },
  { id: 'approvals', label: 'Approvals', render: () => <Approvals />, visible: (d) => d.approver },
];
