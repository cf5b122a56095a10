// The indexed issue property that makes grant state searchable with JQL.
// manifest.yml (jira:entityProperty) mirrors this constant: keep the two in step.
// Queue templates may use the searchAliases, so they are defined here, next to
// the loaders that validate those queues.

export type EntityPropertyValueType = 'number' | 'string' | 'text' | 'user' | 'date';

export interface EntityPropertyPath {
  path: string;
  type: EntityPropertyValueType;
  searchAlias: string;
}

export const AI_CLEARANCE_PROPERTY = {
  propertyKey: 'aiClearance',
  moduleKey: 'ai-clearance-grant-property',
  paths: [
    { path: 'status', type: 'string', searchAlias: 'aicStatus' },
    { path: 'toolId', type: 'string', searchAlias: 'aicTool' },
    { path: 'risk', type: 'string', searchAlias: 'aicRisk' },
    { path: 'requester', type: 'user', searchAlias: 'aicRequester' },
    { path: 'expiresAt', type: 'date', searchAlias: 'aicExpiresAt' },
    { path: 'decision', type: 'string', searchAlias: 'aicDecision' },
    { path: 'policyVersion', type: 'number', searchAlias: 'aicPolicyVersion' },
    { path: 'escalated', type: 'string', searchAlias: 'aicEscalated' },
    { path: 'fulfilment', type: 'string', searchAlias: 'aicFulfilment' },
  ],
} as const satisfies { propertyKey: string; moduleKey: string; paths: readonly EntityPropertyPath[] };

export type AiClearancePropertyPath = (typeof AI_CLEARANCE_PROPERTY.paths)[number]['path'];

export const AI_CLEARANCE_SEARCH_ALIASES: readonly string[] = AI_CLEARANCE_PROPERTY.paths.map((p) => p.searchAlias);
