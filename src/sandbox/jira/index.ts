// Public surface of the Jira Cloud + JSM emulator.
export { JiraEmulator, createJiraEmulator, type JiraEmulatorOptions } from './emulator';
export { SandboxControlError, type SandboxUserInfo } from './controls';
export {
  AIC_WORKFLOW,
  STATUS_CATEGORIES,
  type WorkflowDefinition,
  type WorkflowStatus,
  type WorkflowTransition,
} from './workflow';
export {
  APP_ACCOUNT_ID,
  ISSUE_TYPES,
  PARTICIPANTS_FIELD_ID,
  PROJECT,
  REQUEST_TYPE_FIELD_ID,
  RESOLUTIONS,
  SANDBOX_API_TOKEN,
  SEEDED_ACCOUNT_IDS,
  SEEDED_QUEUES,
  SEEDED_REQUEST_TYPES,
  SERVICE_DESK,
} from './site-data';
export { buildView, jqlContext } from './views';
