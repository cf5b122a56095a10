// Reconciliation of one bound group: who should be in it (live grants of the
// bound tool, through the admin's identity mapping) against who is. Pure.
//
// approved but missing — an active grant whose user is not in the group
// present without grant — a member with no live grant for the tool (a stray);
//   removed only in authoritative mode, and only if no grant is still waiting
//   to be fulfilled for them. While any live grant of the tool is unmapped, its
//   holder could be any stray: authoritative mode then removes nobody
//   (authoritativeRemovals) until the admin maps them.

export interface ExpectedMember {
  grantId: string;
  accountId: string;
  /** The mapped IdP user; undefined when the account is not mapped. */
  idpUserId: string | undefined;
  /** True once the grant is active (fulfilled); a pending grant is neither missing nor a stray. */
  fulfilled: boolean;
}

export interface GroupMember {
  id: string;
  login?: string | undefined;
}

export interface ReconcileReport {
  missing: Array<{ grantId: string; accountId: string; idpUserId: string }>;
  strays: Array<{ idpUserId: string; login?: string | undefined; accountId?: string | undefined }>;
  /** Live grants whose account has no mapping: neither can be checked. */
  unmapped: Array<{ grantId: string; accountId: string }>;
  members: number;
}

export function reconcileGroup(
  expected: readonly ExpectedMember[],
  members: readonly GroupMember[],
  accountOf: (idpUserId: string) => string | undefined,
): ReconcileReport {
  const memberIds = new Set(members.map((m) => m.id));
  const expectedIds = new Set<string>();
  const report: ReconcileReport = { missing: [], strays: [], unmapped: [], members: members.length };
  for (const e of expected) {
    if (!e.idpUserId) {
      report.unmapped.push({ grantId: e.grantId, accountId: e.accountId });
      continue;
    }
    expectedIds.add(e.idpUserId);
    if (e.fulfilled && !memberIds.has(e.idpUserId))
      report.missing.push({ grantId: e.grantId, accountId: e.accountId, idpUserId: e.idpUserId });
  }
  for (const m of members) {
    if (expectedIds.has(m.id)) continue;
    const accountId = accountOf(m.id);
    report.strays.push({
      idpUserId: m.id,
      ...(m.login ? { login: m.login } : {}),
      ...(accountId ? { accountId } : {}),
    });
  }
  report.missing.sort((a, b) => a.grantId.localeCompare(b.grantId));
  report.strays.sort((a, b) => a.idpUserId.localeCompare(b.idpUserId));
  return report;
}

/** Why authoritative mode removed nobody this time, when it did not. */
export type RemovalsWithheld = 'unmapped_live_grants';

/**
 * Whom authoritative mode removes: every stray, unless a live grant is unmapped — its holder is in the group
 * under an IdP user nobody can name, so any stray could be them.
 */
export function authoritativeRemovals(
  report: ReconcileReport,
  authoritative: boolean,
): { remove: string[]; withheld?: RemovalsWithheld } {
  if (!authoritative || report.strays.length === 0) return { remove: [] };
  if (report.unmapped.length > 0) return { remove: [], withheld: 'unmapped_live_grants' };
  return { remove: report.strays.map((s) => s.idpUserId) };
}
