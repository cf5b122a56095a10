// The tabs of My AI access in Jira: the person's own access (shared with the portal's Profile panel) and,
// for agents, the Approvals tab. Add a tab here (with `visible` saying who sees it) and the page picks it up.
import { Approvals } from '../agent/approvals';
import { OWN_ACCESS_TABS, type AccessTab, type OwnAccess } from '../shared/my-access/tabs';

export interface PageData extends OwnAccess {
  /** Whether the person is an agent of the AI Clearance project (the approvals resolvers answer them). */
  approver: boolean;
}

export const TABS: Array<AccessTab<PageData>> = [
  ...OWN_ACCESS_TABS,
  { id: 'approvals', label: 'Approvals', render: () => <Approvals />, visible: (d) => d.approver },
];
