// The seeded AIC workflow, exported as data: the README and
// templates/workflow.yml refer to these ids, names and categories, and the
// emulator derives available transitions, resolutions and approvals from it.

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface WorkflowStatus {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryKey;
  /** What the status means for an AI access request (templates/workflow.yml maps these). */
  meaning: 'submitted' | 'pending' | 'approved' | 'active' | 'declined' | 'expired' | 'revoked' | 'cancelled';
  /** Resolution set on entering a done status (null: cleared). */
  resolutionId: string | null;
}

export interface WorkflowTransition {
  id: string;
  name: string;
  /** Status ids the transition is available from. */
  from: string[];
  to: string;
}

export interface WorkflowDefinition {
  name: string;
  initialStatusId: string;
  statuses: WorkflowStatus[];
  transitions: WorkflowTransition[];
  /** JSM approval step: entering statusId opens an approval; its decision runs one of these transitions. */
  approval: { statusId: string; name: string; approveTransitionId: string; declineTransitionId: string };
}

export const STATUS_CATEGORIES: Record<
  StatusCategoryKey,
  { id: number; key: StatusCategoryKey; colorName: string; name: string }
> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export const AIC_WORKFLOW: WorkflowDefinition = {
  name: 'AI Clearance access workflow',
  initialStatusId: '10001',
  statuses: [
    {
      id: '10001',
      name: 'Waiting for support',
      description: 'Submitted; the app validates it.',
      category: 'new',
      meaning: 'submitted',
      resolutionId: null,
    },
    {
      id: '10002',
      name: 'Waiting for approval',
      description: 'Pending an approver decision.',
      category: 'indeterminate',
      meaning: 'pending',
      resolutionId: null,
    },
    {
      id: '10003',
      name: 'In fulfilment',
      description: 'Approved; access is being granted.',
      category: 'indeterminate',
      meaning: 'approved',
      resolutionId: null,
    },
    {
      id: '10004',
      name: 'Active',
      description: 'Access granted and live until it expires.',
      category: 'done',
      meaning: 'active',
      resolutionId: '10000',
    },
    {
      id: '10005',
      name: 'Declined',
      description: 'The request was declined or rejected.',
      category: 'done',
      meaning: 'declined',
      resolutionId: '10003',
    },
    {
      id: '10006',
      name: 'Expired',
      description: 'The grant reached its end date.',
      category: 'done',
      meaning: 'expired',
      resolutionId: '10005',
    },
    {
      id: '10007',
      name: 'Revoked',
      description: 'Access was taken away or handed back.',
      category: 'done',
      meaning: 'revoked',
      resolutionId: '10006',
    },
    {
      id: '10008',
      name: 'Cancelled',
      description: 'The requester withdrew the request.',
      category: 'done',
      meaning: 'cancelled',
      resolutionId: '10004',
    },
  ],
  transitions: [
    { id: '11', name: 'Request approval', from: ['10001'], to: '10002' },
    // The exits the app needs to drive a ticket to where its records say (workflow-exits.ts checks
    // them): a decision that lost a race is undone (Declined ⇄ In fulfilment / Active), and a grant
    // that expires before it was marked fulfilled leaves In fulfilment for Expired.
    { id: '21', name: 'Approve', from: ['10001', '10002', '10005'], to: '10003' },
    { id: '31', name: 'Decline', from: ['10001', '10002', '10003', '10004'], to: '10005' },
    { id: '41', name: 'Cancel request', from: ['10001', '10002', '10003'], to: '10008' },
    { id: '51', name: 'Mark fulfilled', from: ['10003', '10005'], to: '10004' },
    { id: '61', name: 'Revoke', from: ['10003', '10004'], to: '10007' },
    { id: '71', name: 'Expire', from: ['10003', '10004'], to: '10006' },
    { id: '81', name: 'Reopen', from: ['10005', '10006', '10007', '10008'], to: '10001' },
    // Lets the app put back an Approve it refused (self-approval, approver not in the group).
    { id: '91', name: 'Back to approval', from: ['10003'], to: '10002' },
  ],
  approval: { statusId: '10002', name: 'Approve access', approveTransitionId: '21', declineTransitionId: '31' },
};

export function statusById(id: string, wf: WorkflowDefinition = AIC_WORKFLOW): WorkflowStatus | undefined {
  return wf.statuses.find((s) => s.id === id);
}

export function transitionsFrom(statusId: string, wf: WorkflowDefinition = AIC_WORKFLOW): WorkflowTransition[] {
  return wf.transitions.filter((t) => t.from.includes(statusId));
}
