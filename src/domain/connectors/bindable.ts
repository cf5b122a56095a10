// Which IdP groups a catalog tool may be bound to: groups whose members the
// app can add and remove through the API, and which nothing else rewrites.
// Pure: decided from the group's published facts (ports/group-directory.ts).
//
// Okta: only `OKTA_GROUP` (APP_GROUP members come from an app import,
// BUILT_IN is Everyone) —
//   https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/ (Group object › type)
// Entra: security or Microsoft 365 groups that are not dynamic (groupTypes
// without DynamicMembership: members come from a rule) and not synced from
// on-premises (onPremisesSyncEnabled: managed in AD); mail-enabled security
// groups and distribution lists cannot be changed through Graph —
//   https://learn.microsoft.com/en-us/graph/api/resources/groups-overview (Group types in Microsoft Entra ID and Microsoft Graph)
//   https://learn.microsoft.com/en-us/graph/api/group-post-members
import type { DirectoryGroupFacts } from './directory';

export type Bindability = { ok: true; kind: string } | { ok: false; code: string; reason: string };

export function bindability(g: DirectoryGroupFacts): Bindability {
  if (g.provider === 'okta') {
    if (g.type === 'OKTA_GROUP') return { ok: true, kind: 'Okta group' };
    return {
      ok: false,
      code: 'GROUP_NOT_MANAGEABLE',
      reason:
        g.type === 'APP_GROUP'
          ? `"${g.name}" is an application group (APP_GROUP): its members are imported from an app, so changes made here would be overwritten. Bind an Okta group (OKTA_GROUP).`
          : `"${g.name}" is a ${g.type} group: only Okta groups (OKTA_GROUP) can be managed by AI Clearance.`,
    };
  }
  if (g.groupTypes.includes('DynamicMembership'))
    return {
      ok: false,
      code: 'GROUP_DYNAMIC',
      reason: `"${g.name}" has dynamic membership: a rule decides its members, so nobody can add or remove them. Bind an assigned-membership group.`,
    };
  if (g.onPremisesSyncEnabled === true)
    return {
      ok: false,
      code: 'GROUP_SYNCED_FROM_ON_PREMISES',
      reason: `"${g.name}" is synced from on-premises Active Directory: its members are managed there, and changes made through Microsoft Graph are refused. Bind a cloud group.`,
    };
  const unified = g.groupTypes.includes('Unified');
  if (unified) return { ok: true, kind: 'Microsoft 365 group' };
  if (g.securityEnabled && !g.mailEnabled) return { ok: true, kind: 'security group' };
  return {
    ok: false,
    code: 'GROUP_NOT_MANAGEABLE',
    reason: g.mailEnabled
      ? `"${g.name}" is a mail-enabled security group or distribution list: Microsoft Graph cannot change its members (Exchange manages them). Bind a security or Microsoft 365 group.`
      : `"${g.name}" is neither a security group nor a Microsoft 365 group. Bind a security or Microsoft 365 group.`,
  };
}
