// Realistic data for every comment template. Typed per template, so adding a
// template without fixture data fails type-checking.
import type { CommentData, CommentName } from '../../../src/render';

const tools = ['ChatGPT Enterprise', 'GitHub Copilot Business', 'Claude for Work', 'Gemini for Workspace'];

export const FIXTURES: { [N in CommentName]: CommentData<N> } = {
  'intake-accepted': {
    requesterName: 'Alice Example',
    toolName: 'ChatGPT Enterprise',
    durationDays: 30,
    purpose: 'Draft first replies to customer tickets faster.',
    riskLevel: 'medium',
    approverGroup: 'AI Approvers',
    policyVersion: 3,
  },
  'auto-approved': {
    toolName: 'Gemini for Workspace',
    durationDays: 14,
    expiresAt: '2025-03-15T09:00:00.000Z',
    policyVersion: 3,
    fulfilment: 'connector',
  },
  'blocked-duplicate-pending': { toolName: 'ChatGPT Enterprise', originalKey: 'AIC-12', portalId: '2' },
  'blocked-duplicate-active': {
    toolName: 'ChatGPT Enterprise',
    originalKey: 'AIC-7',
    expiresAt: '2025-04-01T09:00:00.000Z',
    portalId: '2',
    requestTypeId: '31',
  },
  'rejected-invalid': {
    requestedTool: 'DeepSeek',
    reasons: ['DeepSeek is not on the list of requestable AI tools.'],
    requestableTools: tools,
    moreToolCount: 3,
  },
  'rejected-unstructured': { requestableTools: tools, portalId: '2', requestTypeId: '30' },
  approved: {
    toolName: 'ChatGPT Enterprise',
    durationDays: 30,
    requestedDays: 60,
    expiresAt: '2025-03-31T09:00:00.000Z',
    policyVersion: 3,
    approverName: 'Bob Approver',
    fulfilment: 'manual',
  },
  declined: {
    toolName: 'ChatGPT Enterprise',
    rationale: 'Customer data may not be pasted into this tool yet; please wait for the enterprise tenant.',
    deciderName: 'Bob Approver',
  },
  cancelled: { toolName: 'ChatGPT Enterprise', cancelledBy: 'agent', actorName: 'Carol Agent' },
  fulfilled: {
    toolName: 'GitHub Copilot Business',
    expiresAt: '2025-03-31T09:00:00.000Z',
    method: 'connector',
    groupName: 'app-copilot-users',
  },
  'fulfilment-needed': {
    toolName: 'Claude for Work',
    requesterName: 'Alice Example',
    requesterEmail: 'alice@example.com',
    durationDays: 30,
    expiresAt: '2025-03-31T09:00:00.000Z',
    reason: 'no_connector',
  },
  'review-reminder': {
    stage: 'first',
    toolName: 'ChatGPT Enterprise',
    expiresAt: '2025-03-31T09:00:00.000Z',
    daysLeft: 14,
    portalId: '2',
    requestTypeId: '31',
  },
  'do-not-renew-ack': { toolName: 'ChatGPT Enterprise', expiresAt: '2025-03-31T09:00:00.000Z' },
  'status-repaired': { foundStatus: 'Cancelled', correctedTo: 'Waiting for approval', recordState: 'pending approval' },
  expired: { toolName: 'ChatGPT Enterprise', expiredAt: '2025-03-31T09:00:00.000Z', groupRemoval: 'queued' },
  revoked: {
    toolName: 'ChatGPT Enterprise',
    reason: 'agent',
    revokedByName: 'Carol Agent',
    rationale: 'Left the support team.',
    groupRemoval: 'manual',
  },
  extended: {
    toolName: 'ChatGPT Enterprise',
    previousExpiresAt: '2025-03-31T09:00:00.000Z',
    expiresAt: '2025-04-30T09:00:00.000Z',
    addedDays: 30,
    policyVersion: 4,
    approverName: 'Bob Approver',
  },
  'handed-back': { toolName: 'ChatGPT Enterprise', handedBackAt: '2025-03-20T16:45:00.000Z', groupRemoval: 'queued' },
  escalated: {
    toolName: 'Claude for Work',
    requesterName: 'Alice Example',
    pendingSince: '2025-03-01T09:00:00.000Z',
    waitingDays: 3,
    escalationTarget: 'AI Governance Leads',
    lapseAt: '2025-03-08T09:00:00.000Z',
  },
  lapsed: { toolName: 'Claude for Work', pendingSince: '2025-03-01T09:00:00.000Z', waitingDays: 7 },
  'transition-refused': {
    attemptedStatus: 'Approved',
    currentStatus: 'Waiting for approval',
    reason: 'prohibited_tool',
    actorName: 'Dan Agent',
    detail: 'Tool risk level is prohibited.',
  },
  'tool-suspended': {
    toolName: 'Claude for Work',
    catalogStatus: 'suspended',
    note: 'Suspended pending a vendor security review.',
  },
  'grant-flagged': {
    toolName: 'ChatGPT Enterprise',
    requesterName: 'Alice Example',
    reason: 'unexpected_member',
    detail: 'Found in okta group app-chatgpt without a grant.',
  },
  'connector-result': {
    toolName: 'GitHub Copilot Business',
    requesterName: 'Alice Example',
    provider: 'okta',
    operation: 'add',
    outcome: 'retrying',
    groupName: 'app-copilot-users',
    attempts: 2,
    nextRetryAt: '2025-03-01T09:05:00.000Z',
    error: 'Okta answered 429 Too Many Requests',
  },
};

/** Variants that take the other branches of each template's conditionals. */
export const VARIANTS: Array<{ [N in CommentName]: [N, CommentData<N>] }[CommentName]> = [
  ['intake-accepted', { ...FIXTURES['intake-accepted'], requesterName: '', approverGroup: undefined }],
  ['auto-approved', { ...FIXTURES['auto-approved'], fulfilment: 'manual' }],
  ['blocked-duplicate-pending', { toolName: 'ChatGPT Enterprise', originalKey: 'AIC-12' }],
  [
    'blocked-duplicate-active',
    { toolName: 'ChatGPT Enterprise', originalKey: 'AIC-7', expiresAt: '2025-04-01T09:00:00.000Z' },
  ],
  ['rejected-invalid', { reasons: ['Purpose is too short.', 'Duration must be 1 to 90 days.'], requestableTools: [] }],
  ['rejected-unstructured', { requestableTools: [] }],
  ['approved', { ...FIXTURES.approved, requestedDays: 30, fulfilment: 'connector' }],
  ['cancelled', { toolName: 'ChatGPT Enterprise', cancelledBy: 'requester' }],
  ['fulfilled', { toolName: 'ChatGPT Enterprise', expiresAt: '2025-03-31T09:00:00.000Z', method: 'manual' }],
  [
    'fulfilment-needed',
    { ...FIXTURES['fulfilment-needed'], reason: 'connector_failed', detail: 'Okta: user is deactivated' },
  ],
  ['fulfilment-needed', { ...FIXTURES['fulfilment-needed'], reason: 'identity_unmapped', requesterEmail: undefined }],
  [
    'review-reminder',
    { stage: 'final', toolName: 'ChatGPT Enterprise', expiresAt: '2025-03-31T09:00:00.000Z', daysLeft: 1 },
  ],
  ['expired', { ...FIXTURES.expired, groupRemoval: 'manual' }],
  ['expired', { ...FIXTURES.expired, groupRemoval: 'none' }],
  ['revoked', { toolName: 'Claude for Work', reason: 'tool_suspended', groupRemoval: 'queued' }],
  ['revoked', { toolName: 'Claude for Work', reason: 'tool_retired', groupRemoval: 'none' }],
  ['revoked', { toolName: 'Claude for Work', reason: 'policy', groupRemoval: 'none' }],
  ['extended', { ...FIXTURES.extended, approverName: undefined }],
  [
    'extended',
    {
      ...FIXTURES.extended,
      overLimit: { limitDays: 180, totalDays: 200, approvedAs: 'ai-clearance-security-approvers' },
    },
  ],
  ['handed-back', { ...FIXTURES['handed-back'], groupRemoval: 'none' }],
  ...(
    [
      'not_requestable',
      'self_approval',
      'not_approver',
      'approver_unverified',
      'needs_higher_approval',
      'already_active',
      'already_closed',
      'duration_exceeds_policy',
      'missing_rationale',
      'unexpected',
    ] as const
  ).map((reason): ['transition-refused', CommentData<'transition-refused'>] => [
    'transition-refused',
    { attemptedStatus: 'Approved', currentStatus: 'Active', reason, correctedTo: 'Active' },
  ]),
  ['tool-suspended', { toolName: 'Claude for Work', catalogStatus: 'retired' }],
  ...(['tool_suspended', 'tool_retired', 'missing_from_group', 'identity_unmapped'] as const).map(
    (reason): ['grant-flagged', CommentData<'grant-flagged'>] => [
      'grant-flagged',
      { toolName: 'ChatGPT Enterprise', requesterName: 'Alice Example', reason },
    ],
  ),
  ...(['succeeded', 'manual_action_required', 'failed'] as const).map(
    (outcome): ['connector-result', CommentData<'connector-result'>] => [
      'connector-result',
      { toolName: 'Copilot', provider: 'entra', operation: 'remove', outcome, groupName: 'sg-copilot', attempts: 5 },
    ],
  ),
];
