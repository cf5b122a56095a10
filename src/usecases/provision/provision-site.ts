// Provisioning from the template files on disk: what the CLI and the sandbox's
// first start use. (Inside Forge use site-ops.ts with BUNDLED_DESIRED_STATE.)
import { loadTemplates, type LoadedTemplates } from '../../config/templates/load-templates';
import {
  applyDesired,
  driftDesired,
  planDesired,
  type ApplyResult,
  type DriftResult,
  type PlanResult,
  type SiteOpsOptions,
} from './site-ops';

export interface ProvisionOptions extends Omit<SiteOpsOptions, 'desired'> {
  /** Directory holding templates/ and request-types/ (the repository root). */
  templatesDir: string;
  /** Overrides the project of templates/settings.yml. */
  projectKey?: string;
  /** Already loaded templates (then templatesDir is not read). */
  templates?: LoadedTemplates;
}

function withDesired(o: ProvisionOptions): SiteOpsOptions {
  const templates = o.templates ?? loadTemplates(o.templatesDir, o.projectKey ? { projectKey: o.projectKey } : {});
  o.onProgress?.({ type: 'templates', files: templates.files });
  const { templatesDir: _dir, projectKey: _key, templates: _t, ...rest } = o;
  return { ...rest, desired: templates.desired };
}

export const planSite = (o: ProvisionOptions): Promise<PlanResult> => planDesired(withDesired(o));
export const applySite = (o: ProvisionOptions): Promise<ApplyResult> => applyDesired(withDesired(o));
export const driftSite = (o: ProvisionOptions): Promise<DriftResult> => driftDesired(withDesired(o));

/** Applies the templates to a site: the lead's entry point for the admin page and `npm start`'s first start. */
export const provisionSite = applySite;
