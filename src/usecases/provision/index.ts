// Public surface of provisioning, for the CLI, the admin-page resolvers and the
// sandbox's first-start apply.
export { applySite, driftSite, planSite, provisionSite, type ApplyResult, type DriftResult, type PlanResult, type ProgressEvent, type ProvisionOptions } from './provision-site';
export { isProvisionError, ProvisionError, type ProvisionErrorCode } from './errors';
export { queueFilters, type QueueFilter } from './queue-filters';
export type { StepResult, ApplyRun } from './apply';
export { DEFAULT_RETRY_POLICY, type RetryPolicy, type Sleep } from './retry';
export { emptyRecord, ProvisioningRecord, type ProvisioningStateStore } from '../../domain/provisioning/record';
export { loadTemplates, loadTemplatesFromTexts, type LoadedTemplates } from '../../config/templates/load-templates';
export type { DriftReport, DriftItem } from '../../domain/provisioning/drift';
export type { Plan, PlanItem } from '../../domain/provisioning/plan-types';
