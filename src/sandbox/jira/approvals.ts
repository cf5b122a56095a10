// JSM approvals on the workflow's approval status: entering it opens an
// approval for the site's agents; a decision runs the approve/decline
// transition; leaving the status another way closes the open approval.
import type { StoredApproval, StoredIssue } from './model';
import type { Site } from './site';
import { allUsers } from './users';

export function openApproval(site: Site, issueId: string): StoredApproval | undefined {
  return site.store.docList<StoredApproval>('approval', issueId).find((a) => a.finalDecision === 'pending');
}

export function onStatusChange(
  site: Site,
  issue: StoredIssue,
  fromStatusId: string,
  toStatusId: string,
  now: number,
): void {
  const cfg = site.workflow.approval;
  if (fromStatusId === cfg.statusId) {
    const open = openApproval(site, issue.id);
    if (open) {
      const approveTo = site.workflow.transitions.find((t) => t.id === cfg.approveTransitionId)?.to;
      const declineTo = site.workflow.transitions.find((t) => t.id === cfg.declineTransitionId)?.to;
      const decision = toStatusId === approveTo ? 'approved' : toStatusId === declineTo ? 'declined' : undefined;
      // Left the approval status some other way (e.g. cancelled): the approval no longer applies.
      if (decision)
        site.store.docPut('approval', open.id, { ...open, finalDecision: decision, completed: now }, issue.id);
      else site.store.docDelete('approval', open.id);
    }
  }
  if (toStatusId === cfg.statusId && !openApproval(site, issue.id)) {
    const id = String(site.store.nextId('approval', 1));
    const approvers = allUsers(site.store)
      .filter((u) => u.roles.includes('agent') || u.roles.includes('admin'))
      .map((u) => ({ accountId: u.accountId, decision: 'pending' as const }));
    const approval: StoredApproval = {
      id,
      issueId: issue.id,
      name: cfg.name,
      finalDecision: 'pending',
      approvers,
      created: now,
      completed: null,
    };
    site.store.docPut('approval', id, approval, issue.id);
  }
}
