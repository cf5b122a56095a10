// Human-readable output of provision plan/apply/drift. JSON output is the
// same data, unformatted (see toJson*).
import type { DriftReport } from '../domain/provisioning/drift';
import type { Plan, PlanItem } from '../domain/provisioning/plan-types';
import type { StepResult } from '../usecases/provision/apply';
import type { ApplyResult } from '../usecases/provision/site-ops';

const MARK: Record<PlanItem['action'], string> = {
  create: '+',
  update: '~',
  unchanged: '=',
  manual: '?',
  conflict: '!',
};

export function formatPlan(plan: Plan, opts: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const auto = plan.items.filter(
    (i) =>
      i.action === 'create' ||
      i.action === 'update' ||
      i.action === 'conflict' ||
      (opts.verbose && i.action === 'unchanged'),
  );
  if (auto.length > 0) {
    lines.push('Changes apply will make:');
    for (const i of auto) lines.push(`  ${MARK[i.action]} ${i.action.padEnd(9)} ${i.sentence}`);
  } else {
    lines.push('No changes: every field, context, option, filter and request type is as the templates say.');
  }
  lines.push(...formatManual(plan));
  lines.push('', summary(plan));
  return lines.join('\n');
}

export function formatManual(plan: Plan): string[] {
  const manual = plan.items.filter((i) => i.manual);
  const open = manual.filter((i) => i.manual!.check.status !== 'pass');
  if (manual.length === 0) return [];
  const lines = [
    '',
    `Manual steps (Jira Cloud has no API for these) — ${open.length} open, ${manual.length - open.length} done:`,
  ];
  let n = 0;
  for (const i of manual) {
    const check = i.manual!.check;
    if (check.status === 'pass') {
      lines.push(`  ✓ ${i.sentence}`);
      continue;
    }
    lines.push(`  ${++n}. [${check.status === 'pending' ? 'after apply' : 'open'}] ${i.sentence}`);
    for (const step of i.manual!.instructions) lines.push(`       ${step}`);
  }
  return lines;
}

function summary(plan: Plan): string {
  const c = plan.counts;
  return `Project ${plan.projectKey}: ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${plan.manualOpen} manual step${plan.manualOpen === 1 ? '' : 's'} open, ${c.conflict} conflict${c.conflict === 1 ? '' : 's'}.`;
}

export function formatStep(r: StepResult, index: number, total: number): string {
  const n = `[${String(index + 1).padStart(String(total).length)}/${total}]`;
  if (r.outcome === 'failed') return `${n} FAILED  ${r.sentence}\n        ${r.error.code}: ${r.error.message}`;
  if (r.outcome === 'not-run') return `${n} not run ${r.sentence}`;
  const how = r.outcome === 'adopted' ? ' (found on the site: an earlier attempt had created it)' : '';
  return `${n} done    ${r.sentence}${r.id ? ` → ${r.id}` : ''}${how}`;
}

export function formatApply(result: ApplyResult): string {
  const lines: string[] = [];
  const done = result.run.steps.filter(
    (s) => s.outcome === 'created' || s.outcome === 'updated' || s.outcome === 'adopted',
  ).length;
  if (!result.ok) {
    const notRun = result.run.steps.filter((s) => s.outcome === 'not-run').length;
    lines.push(`Apply stopped at ${result.run.error!.key}: ${result.run.error!.code}: ${result.run.error!.message}`);
    lines.push(
      `${done} step${done === 1 ? '' : 's'} done and recorded, ${notRun} not run. Run apply again to resume: it re-reads the site and creates no duplicates.`,
    );
    return lines.join('\n');
  }
  lines.push(
    done === 0
      ? 'Nothing to change: the site already matches the templates.'
      : `Applied ${done} change${done === 1 ? '' : 's'}.`,
  );
  if (result.afterError) lines.push(result.afterError);
  if (result.after) {
    lines.push(...formatManual(result.after));
    lines.push('', summary(result.after));
  }
  return lines.join('\n');
}

export function formatDrift(report: DriftReport): string {
  if (!report.drifted)
    return `No drift: project ${report.projectKey} matches the templates, and every manual step checks out.`;
  const lines = [
    `Drift in project ${report.projectKey} (${report.items.length} item${report.items.length === 1 ? '' : 's'}):`,
  ];
  for (const i of report.items) lines.push(`  [${i.kind}] ${i.sentence}`);
  lines.push(
    '',
    'Run `ai-clearance provision apply` to put back what it manages; `provision plan` shows the manual steps.',
  );
  return lines.join('\n');
}
