// Entity property values a product-event trigger asks Forge to include
// (manifest.yml payload.include.propertyPaths). Forge delivers them in
// `event.payloadIncludeProperties`, keyed by the path exactly as declared
// (https://developer.atlassian.com/platform/forge/events-reference/product_events/
// § "Filtering by entity properties" › "Delivered payload shape").
//
// The feature is Preview and the values "could be up to a few seconds older
// than the event generation time" (same page, "Limits and constraints"); a
// path that resolves to an object is null, an unresolvable one is absent (or
// null: the page says both). So a value here is a hint that saves a read, never
// the only source: every caller falls back to one REST read of the property
// when the value is missing.

export type IncludedProperties = Readonly<Record<string, unknown>>;

/** `issue.properties['<key>'].<sub>.<path>`: the documented spelling (and the payloadIncludeProperties key). */
export function issuePropertyPath(propertyKey: string, ...subPath: string[]): string {
  return `issue.properties['${propertyKey}']${subPath.map((s) => `.${s}`).join('')}`;
}

/** The included value of one path; undefined when Forge sent none (absent, null, or no payloadIncludeProperties at all). */
export function includedValue(included: IncludedProperties | undefined, path: string): unknown {
  const v = included?.[path];
  return v === null ? undefined : v;
}
