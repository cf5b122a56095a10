// Plans where the app's custom fields sit on screens. Jira's REST API sets only
// fields on the issue's edit screen (PUT /rest/api/3/issue/{issueIdOrKey},
// Responses › 400: "fields that are not found or are not associated with the
// issue's edit screen";
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put),
// so every field goes on every screen the request issue types use for create,
// edit and view (found through the project's issue type screen scheme and its
// screen schemes). One plan item per screen and field: a field missing from a
// screen is drift that apply mends.
import type { DesiredState } from './desired';
import type { KnownIds, PlanItem } from './plan-types';
import type { SiteScreen, SiteSnapshot } from './site';

export function planScreens(desired: DesiredState, site: SiteSnapshot, known: KnownIds): PlanItem[] {
  if (!site.screens) return [screensUnreadable(desired)];
  const items: PlanItem[] = [];
  for (const screen of site.screens) {
    const tab = screen.tabs[0];
    if (!tab) continue;
    const onScreen = new Set(screen.tabs.flatMap((t) => t.fieldIds));
    for (const field of desired.fields) {
      const fieldId = known.fields[field.ref];
      const base = {
        key: `screenField:${screen.id}:${field.ref}`,
        kind: 'screenField' as const,
        ref: field.ref,
        name: `${field.name} on ${screen.name}`,
        siteId: screen.id,
      };
      if (fieldId && onScreen.has(fieldId)) {
        items.push({
          ...base,
          action: 'unchanged',
          sentence: `Custom field "${field.name}" (${fieldId}) is on screen "${screen.name}" (${uses(screen)}).`,
        });
      } else {
        items.push({
          ...base,
          action: 'create',
          sentence: `Add custom field "${field.name}" to screen "${screen.name}" (${uses(screen)}), tab "${tab.name}".`,
          op: { type: 'addScreenField', fieldRef: field.ref, screenId: screen.id, tabId: tab.id },
          dependsOn: [`field:${field.ref}`],
        });
      }
    }
  }
  return items;
}

function uses(screen: SiteScreen): string {
  return screen.uses.map((u) => `${u.operation} ${u.issueTypeName}`).join(', ');
}

function screensUnreadable(desired: DesiredState): PlanItem {
  const types = [...new Set(desired.requestTypes.map((r) => r.issueType))];
  return {
    key: 'screens:all',
    kind: 'screens',
    ref: 'screens',
    name: 'Screens',
    action: 'manual',
    sentence: `Put the AI Clearance fields on the screens of ${types.join(', ')} by hand: the site did not list an issue type screen scheme for project ${desired.projectKey}.`,
    manual: {
      instructions: [
        `In Jira, open project ${desired.projectKey} → Project settings → Screens (or Issue types → ${types.join(' / ')} → Fields for a team-managed project).`,
        `For each screen the issue type${types.length > 1 ? 's' : ''} ${types.map((t) => `"${t}"`).join(', ')} use for Create, Edit and View, click the screen, then add each field: ${desired.fields.map((f) => `"${f.name}"`).join(', ')}.`,
        'Jira sets only fields that are on the issue’s edit screen; without them the tickets keep the aiClearance property but their fields stay empty.',
      ],
      check: { status: 'pending', detail: `the site did not list the screens of project ${desired.projectKey}` },
    },
  };
}
