// The custom field types provisioning may create, each with the searchers Jira
// accepts for it (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-post). A field without a searcher is
// not JQL-searchable, so every type has a default one.

export const CF_PREFIX = 'com.atlassian.jira.plugin.system.customfieldtypes:';

interface FieldTypeInfo {
  searchers: readonly string[];
  /** Whether the field holds options that live in a field context. */
  hasOptions: boolean;
}

export const FIELD_TYPES = {
  select: { searchers: ['multiselectsearcher'], hasOptions: true },
  datetime: { searchers: ['datetimerange'], hasOptions: false },
  textfield: { searchers: ['textsearcher'], hasOptions: false },
  textarea: { searchers: ['textsearcher'], hasOptions: false },
  float: { searchers: ['numberrange'], hasOptions: false },
  userpicker: { searchers: ['userpickergroupsearcher'], hasOptions: false },
} as const satisfies Record<string, FieldTypeInfo>;

export type FieldTypeName = keyof typeof FIELD_TYPES;

export const FIELD_TYPE_NAMES = Object.keys(FIELD_TYPES) as FieldTypeName[];

/** Accepts "select" or the full "com.atlassian...:select"; returns the short name or undefined. */
export function shortTypeName(type: string): FieldTypeName | undefined {
  const short = type.startsWith(CF_PREFIX) ? type.slice(CF_PREFIX.length) : type;
  return (FIELD_TYPE_NAMES as string[]).includes(short) ? (short as FieldTypeName) : undefined;
}

export function shortSearcherName(searcher: string): string {
  return searcher.startsWith(CF_PREFIX) ? searcher.slice(CF_PREFIX.length) : searcher;
}

export function fullKey(short: string): string {
  return CF_PREFIX + short;
}

export function describeTypePairs(): string {
  return FIELD_TYPE_NAMES.map((t) => `${t}/${FIELD_TYPES[t].searchers.join('|')}`).join(', ');
}
