// Jira product events → manifest triggers. Picks every trigger subscribed to
// the event type, honours filter.ignoreSelf and (a subset of)
// filter.expression, and shapes the payload the way Forge delivers Jira
// issue events (https://developer.atlassian.com/platform/forge/events-reference/jira/):
//   {eventType, selfGenerated, timestamp, issue:{id,key,fields:{summary,issuetype,creator,created,project,
//    reporter,assignee,updated,status}}, atlassianId}
//   + changelog / associatedStatuses (updated), comment (commented), property (set:issue-property)
//   + payloadIncludeProperties: the entity property paths the trigger asks for
//     with payload.include.propertyPaths (property-paths.ts), keyed by the path
//     as declared. https://developer.atlassian.com/platform/forge/events-reference/product_events/
//     § "Filtering by entity properties" › "Delivered payload shape".
//   `selfGenerated` and `timestamp` (epoch ms, a string): https://developer.atlassian.com/platform/forge/events-reference/jira/
//   § "Issue created" and § "Common fields in Jira event payloads".
import type { JiraProductEvent } from '../contracts';
import { compileFilterExpression, type CompiledFilter } from './filter-expression';
import type { TriggerDef } from './manifest';
import { resolvePropertyPath, type PropertyPath } from './property-paths';

export const BASE_ISSUE_FIELDS = [
  'summary',
  'issuetype',
  'creator',
  'created',
  'project',
  'reporter',
  'assignee',
  'updated',
  'status',
] as const;

interface CompiledEvent {
  ignoreSelf: boolean;
  propertyPaths: PropertyPath[];
  expression?: CompiledFilter;
}

export interface CompiledTrigger {
  def: TriggerDef;
  events: Map<string, CompiledEvent>;
}

/** Compiles filters at startup so an unsupported expression fails then, not on the first event. */
export function compileTriggers(triggers: readonly TriggerDef[]): CompiledTrigger[] {
  return triggers.map((def) => {
    const events = new Map<string, CompiledEvent>();
    for (const e of def.events) {
      events.set(e.eventType, {
        ignoreSelf: e.filter?.ignoreSelf === true,
        propertyPaths: e.propertyPaths ?? [],
        expression:
          e.filter?.expression !== undefined
            ? compileFilterExpression(e.filter.expression, `trigger ${def.key} (${e.eventType})`)
            : undefined,
      });
    }
    return { def, events };
  });
}

export interface PlannedDelivery {
  trigger: TriggerDef;
  payload: Record<string, unknown>;
}

export interface ShapeOptions {
  /**
   * Deliver the included property values as not yet stored (absent): Forge
   * resolves them against "recently stored entity property values that could be
   * up to a few seconds older than the event generation time" (product_events
   * § "Limits and constraints" › Data freshness).
   */
  staleProperties?: boolean;
}

export function planDeliveries(
  triggers: readonly CompiledTrigger[],
  e: JiraProductEvent,
  opts: ShapeOptions = {},
): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  for (const t of triggers) {
    const sub = t.events.get(e.eventType);
    if (!sub) continue;
    if (sub.ignoreSelf && e.causedByApp) continue;
    const payload = shapeEvent(e, sub.propertyPaths, opts);
    if (sub.expression && !sub.expression(payload)) continue;
    out.push({ trigger: t.def, payload });
  }
  return out;
}

export function shapeEvent(
  e: JiraProductEvent,
  propertyPaths: readonly PropertyPath[] = [],
  opts: ShapeOptions = {},
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const f of BASE_ISSUE_FIELDS) fields[f] = e.issue.fields[f] ?? null;
  const issue: Record<string, unknown> = { id: e.issue.id, key: e.issue.key, fields };

  const payload: Record<string, unknown> = {
    eventType: e.eventType,
    selfGenerated: e.causedByApp,
    timestamp: String(e.timestamp),
    issue,
    atlassianId: e.atlassianId,
  };
  if (e.changelog) payload.changelog = e.changelog;
  if (e.associatedStatuses) payload.associatedStatuses = e.associatedStatuses;
  if (e.comment) payload.comment = e.comment;
  if (e.property) payload.property = e.property;
  if (propertyPaths.length > 0) {
    const included: Record<string, unknown> = {};
    for (const p of propertyPaths) {
      // Only issue properties travel with the emulator's events; project/user/issuetype paths are unresolvable here.
      const value =
        opts.staleProperties || p.entity !== 'issue' ? undefined : resolvePropertyPath(e.issue.properties, p);
      if (value !== undefined) included[p.declared] = value;
    }
    payload.payloadIncludeProperties = included;
  }
  return clone(payload);
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
