// Public surface of provisioning, for the CLI, the admin-page resolvers and the
// sandbox's first-start apply. Forge functions should import './site-ops' and
// '../../config/templates/bundled-desired' directly: this index also pulls in
// the template loader (yaml + the JQL grammar), which Forge does not need.
export { applySite, driftSite, planSite, provisionSite, type ProvisionOptions } from './provision-site';
export {
  applyDesired,
  driftDesired,
  planDesired,
  type ApplyResult,
  type DriftResult,
  type PlanResult,
  type ProgressEvent,
  type SiteOpsOptions,
} from './site-ops';
export { isProvisionError, ProvisionError, type ProvisionErrorCode } from './errors';
export { queueFilters, type QueueFilter } from './queue-filters';
export type { StepResult, ApplyRun } from './apply';
export { DEFAULT_RETRY_POLICY, type RetryPolicy, type Sleep } from './retry';
export { emptyRecord, ProvisioningRecord, type ProvisioningStateStore } from '../../domain/provisioning/record';
export { loadTemplates, loadTemplatesFromTexts, type LoadedTemplates } from '../../config/templates/load-templates';
export type { DesiredState } from '../../domain/provisioning/desired';
export type { DriftReport, DriftItem } from '../../domain/provisioning/drift';
export type { Plan, PlanItem } from '../../domain/provisioning/plan-types';
