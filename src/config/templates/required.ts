// The template refs the app's own code depends on (intake reads these fields,
// decisions stamp them, the portal offers these request types). A template set
// without them would provision fine and then break the core loop, so the loader
// refuses it up front.
import type { FieldTypeName } from './field-types';

export interface RequiredField {
  types: readonly FieldTypeName[];
  /** For select fields: where the options come from. */
  options?: 'catalog' | 'template';
  why: string;
}

export const REQUIRED_FIELDS: Record<string, RequiredField> = {
  aiTool: {
    types: ['select'],
    options: 'catalog',
    why: 'intake reads the requested tool from it; the catalog sync owns its options',
  },
  businessPurpose: { types: ['textarea', 'textfield'], why: 'intake reads the business purpose from it' },
  accessDurationDays: { types: ['float'], why: 'intake reads the requested duration (days) from it' },
  grantStatus: { types: ['select', 'textfield'], why: 'the app stamps the grant status on it for JQL' },
  grantExpiresAt: { types: ['datetime'], why: 'the app stamps the grant expiry on it for JQL' },
  riskLevel: { types: ['select', 'textfield'], why: 'the app stamps the tool risk level on it' },
  decisionRationale: { types: ['textarea', 'textfield'], why: 'approvers record why they declined or approved' },
};

export const REQUIRED_REQUEST_TYPES: Record<string, string> = {
  requestAiAccess: 'employees request access to one AI tool',
  extendAiAccess: 'the duplicate check points holders of a live grant to it',
  handBackAiAccess: 'requesters hand access back',
  proposeAiTool: 'employees propose a tool for the catalog',
};
