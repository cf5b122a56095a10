// The kinds of subject the governance log keeps a chain for. Its own module (no zod) so the admin page can
// offer them as a filter without bundling the event schema.
export const SUBJECT_TYPES = [
  'request',
  'grant',
  'catalog',
  'policy',
  'settings',
  'provisioning',
  'connector',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
