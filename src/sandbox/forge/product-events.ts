// Jira product events → manifest triggers. Picks every trigger subscribed to
// the event type, honours filter.ignoreSelf and (a subset of)
// filter.expression, and shapes the payload the way Forge delivers Jira
// issue events (PLATFORM-FACTS.md "Jira events"):
//   {eventType, issue:{id,key,fields:{summary,issuetype,creator,created,project,
//    reporter,assignee,updated,status}}, atlassianId}
//   + changelog / associatedStatuses (updated), comment (commented), property (set:issue-property)
//   + the fields and issue-property paths the trigger asks for with payload.include.
// UNVERIFIED: where included property paths land. We put them under
// issue.properties.<propertyKey> (only the requested sub-paths).
import type { JiraProductEvent } from '../contracts';
import { compileFilterExpression, type CompiledFilter } from './filter-expression';
import type { ManifestInclude, TriggerDef } from './manifest';

export const BASE_ISSUE_FIELDS = ['summary', 'issuetype', 'creator', 'created', 'project', 'reporter', 'assignee', 'updated', 'status'] as const;

interface CompiledEvent {
  ignoreSelf: boolean;
  include?: ManifestInclude;
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
        include: e.include,
        expression: e.filter?.expression !== undefined ? compileFilterExpression(e.filter.expression, `trigger ${def.key} (${e.eventType})`) : undefined,
      });
    }
    return { def, events };
  });
}

export interface PlannedDelivery {
  trigger: TriggerDef;
  payload: Record<string, unknown>;
}

export function planDeliveries(triggers: readonly CompiledTrigger[], e: JiraProductEvent): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  for (const t of triggers) {
    const sub = t.events.get(e.eventType);
    if (!sub) continue;
    if (sub.ignoreSelf && e.causedByApp) continue;
    const payload = shapeEvent(e, sub.include);
    if (sub.expression && !sub.expression(payload)) continue;
    out.push({ trigger: t.def, payload });
  }
  return out;
}

export function shapeEvent(e: JiraProductEvent, include?: ManifestInclude): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const f of BASE_ISSUE_FIELDS) fields[f] = e.issue.fields[f] ?? null;
  for (const f of include?.fields ?? []) if (f in e.issue.fields) fields[f] = e.issue.fields[f];
  const issue: Record<string, unknown> = { id: e.issue.id, key: e.issue.key, fields };
  const properties = pickPropertyPaths(e.issue.properties, include?.propertyPaths ?? []);
  if (properties) issue.properties = properties;

  const payload: Record<string, unknown> = { eventType: e.eventType, issue, atlassianId: e.atlassianId };
  if (e.changelog) payload.changelog = e.changelog;
  if (e.associatedStatuses) payload.associatedStatuses = e.associatedStatuses;
  if (e.comment) payload.comment = e.comment;
  if (e.property) payload.property = e.property;
  return clone(payload);
}

function pickPropertyPaths(props: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> | undefined {
  if (paths.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const [key, ...rest] = path.split('.');
    if (!key || !(key in props)) continue;
    let src: unknown = props[key];
    for (const p of rest) src = src !== null && typeof src === 'object' ? (src as Record<string, unknown>)[p] : undefined;
    if (src === undefined) continue;
    // Rebuild just the requested branch.
    if (rest.length === 0) {
      out[key] = src;
      continue;
    }
    let dst = (out[key] ??= {}) as Record<string, unknown>;
    rest.slice(0, -1).forEach((p) => (dst = (dst[p] ??= {}) as Record<string, unknown>));
    dst[rest[rest.length - 1]!] = src;
  }
  return out;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
