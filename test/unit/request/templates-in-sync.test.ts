// The runtime copies of template facts (the Forge bundle cannot read YAML)
// must equal templates/*.yml.
import path from 'node:path';
import { loadTemplates } from '../../../src/config/templates/load-templates';
import { GRANT_STATUS_OPTION, RISK_OPTION } from '../../../src/usecases/shared/ticket-stamp';
import { DEFAULT_WORKFLOW } from '../../../src/usecases/shared/workflow-map';

const { desired } = loadTemplates(path.resolve(__dirname, '../../..'));

function optionsOf(ref: string): Record<string, string> {
  const f = desired.fields.find((x) => x.ref === ref);
  if (!f || f.options.source !== 'template') throw new Error(`field ${ref} has no template options`);
  return Object.fromEntries(f.options.values.map((o) => [o.key, o.value]));
}

describe('runtime copies of templates/*.yml', () => {
  it('workflow mapping equals templates/workflow.yml', () => {
    expect(DEFAULT_WORKFLOW.statuses).toEqual(
      Object.fromEntries(Object.entries(desired.workflow.statuses).filter(([, v]) => v !== undefined)),
    );
    expect(DEFAULT_WORKFLOW.transitions).toEqual(
      Object.fromEntries(Object.entries(desired.workflow.transitions).filter(([, v]) => v !== undefined)),
    );
  });

  it('grant status and risk options equal templates/fields.yml', () => {
    expect(GRANT_STATUS_OPTION).toEqual(optionsOf('grantStatus'));
    expect(RISK_OPTION).toEqual(optionsOf('riskLevel'));
  });
});
