// The request-create panel on the JSM portal (jiraServiceManagement:portalRequestCreatePropertyPanel): the
// person picks a tool, states the purpose and the duration; every change is checked by portal.validate and
// handed to the portal form with view.submit, which Jira stores on the new ticket as ONE issue property keyed
// by the UUID of the app's id (platform-contract.md UI-1..UI-3, UI-13); a draft not yet checked, or with no
// tool, is submitted as not valid, which keeps the portal's Create from filing it. The panel shows on every
// request type: portal.context says which of the app's request types this is (access, extension, hand back),
// and on any other it submits no fields and stays out of the way.
import { ErrorMessage as FieldError, HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import SectionMessage from '@atlaskit/section-message';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { view } from '@forge/bridge';
import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../shared/invoke';
import { useLoad } from '../shared/hooks';
import { RiskLozenge } from '../shared/risk';
import { Await, mountPage } from '../shared/shell';
import type { Problem, RequestableTool, RequestKind } from '../shared/types';
import { loadPanel, type PanelData } from './load';

/** The panel's field key (intake's PANEL_FIELD_KEY). */
const FIELD_KEY = 'aiClearanceRequest';

const TEXT: Record<RequestKind, { tool: string; empty: string; purpose: string; days: string }> = {
  access: {
    tool: 'AI tool',
    empty: 'No AI tools can be requested yet. Use "Propose an AI tool for the catalog" to suggest one.',
    purpose: 'Business purpose',
    days: 'Access duration (days)',
  },
  extension: {
    tool: 'Access to extend',
    empty: 'You have no AI tool access to extend.',
    purpose: 'Why do you still need it?',
    days: 'Extend by (days)',
  },
  hand_back: {
    tool: 'Access to hand back',
    empty: 'You have no AI tool access to hand back.',
    purpose: 'Note (optional)',
    days: '',
  },
};

interface Option {
  label: string;
  value: string;
  tool: RequestableTool;
}

function durationHint(kind: RequestKind, tool: RequestableTool): string {
  if (!tool.maxDays) return '';
  const base = `Up to ${tool.maxDays} days (usually ${tool.defaultDays ?? tool.maxDays}).`;
  if (kind === 'access' && tool.autoApproval)
    return `${base} Requests up to ${tool.autoApproval} days are approved automatically; longer ones go to an approver.`;
  return `${base} An approver decides.`;
}

function ToolFacts({ tool }: { tool: RequestableTool }) {
  return (
    <div className="aic-tool-facts" aria-live="polite">
      <div className="aic-row">
        <strong>{tool.name}</strong>
        <RiskLozenge risk={tool.risk} />
        {tool.vendor ? <span className="aic-muted">by {tool.vendor}</span> : null}
      </div>
      {tool.dataHandling ? <p>{tool.dataHandling}</p> : null}
      {tool.guidance ? <p className="aic-muted">{tool.guidance}</p> : null}
    </div>
  );
}

function Panel({ data }: { data: Extract<PanelData, { kind: RequestKind }> }) {
  const { kind, tools } = data;
  const text = TEXT[kind];
  const [toolId, setToolId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [days, setDays] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const seq = useRef(0);
  const tool = tools.find((t) => t.id === toolId);
  const options = useMemo<Option[]>(() => tools.map((t) => ({ label: t.name, value: t.id, tool: t })), [tools]);

  useEffect(() => {
    const mine = ++seq.current;
    const value = {
      v: 1,
      kind,
      toolId,
      purpose: purpose.trim(),
      days: kind === 'hand_back' || days === '' ? null : Number(days),
    };
    // Jira keeps the panel's last submission and sends it with the form; only isValid: false stops Create
    // (platform-contract.md UI-2). So until portal.validate has approved this very draft, the last
    // submission says "not valid": on mount, with no tool picked, and while an edit is being checked.
    const submit = (isValid: boolean) => view.submit({ fields: [{ key: FIELD_KEY, value }], isValid });
    void submit(false);
    if (!toolId) {
      setProblems([]);
      return;
    }
    const timer = setTimeout(() => {
      void (async () => {
        const checked = await call<{ ok: boolean; problems: Problem[] }>('portal.validate', {
          kind,
          toolId,
          purpose: value.purpose,
          ...(value.days !== null ? { days: value.days } : {}),
        }).catch(() => ({ ok: false, problems: [] as Problem[] }));
        if (mine !== seq.current) return; // a newer edit is being checked
        setProblems(checked.problems);
        await submit(checked.ok);
      })();
    }, 250);
    return () => clearTimeout(timer);
  }, [kind, toolId, purpose, days]);

  if (tools.length === 0) return <SectionMessage appearance="information">{text.empty}</SectionMessage>;
  const problemOf = (field: string) => problems.find((p) => p.field === field)?.message;

  return (
    <div className="aic-stack">
      <div>
        <Label htmlFor="aic-tool">{text.tool}</Label>
        <Select<Option>
          inputId="aic-tool"
          options={options}
          placeholder="Search the approved tools"
          isSearchable
          value={options.find((o) => o.value === toolId) ?? null}
          onChange={(o) => {
            const next = o?.tool;
            setToolId(next?.id ?? '');
            if (next?.defaultDays && kind !== 'hand_back' && days === '') setDays(String(next.defaultDays));
          }}
          formatOptionLabel={(o, meta) =>
            meta.context === 'menu' ? (
              <span className="aic-row">
                <span>{o.tool.name}</span>
                <RiskLozenge risk={o.tool.risk} />
                {o.tool.vendor ? <span className="aic-muted">{o.tool.vendor}</span> : null}
              </span>
            ) : (
              o.tool.name
            )
          }
        />
        {problemOf('toolId') ? <FieldError>{problemOf('toolId')}</FieldError> : null}
      </div>
      {tool ? <ToolFacts tool={tool} /> : null}
      <div>
        <Label htmlFor="aic-purpose">{text.purpose}</Label>
        <Textarea
          id="aic-purpose"
          name="purpose"
          maxLength={2000}
          minimumRows={2}
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
          placeholder={
            kind === 'hand_back' ? 'Anything we should know?' : 'What will you use it for? A sentence or two.'
          }
        />
        {problemOf('purpose') ? <FieldError>{problemOf('purpose')}</FieldError> : null}
      </div>
      {kind === 'hand_back' ? null : (
        <div>
          <Label htmlFor="aic-days">{text.days}</Label>
          <Textfield
            id="aic-days"
            name="days"
            type="number"
            min={1}
            max={tool?.maxDays}
            value={days}
            onChange={(e) => setDays(e.currentTarget.value)}
          />
          {tool ? <HelperMessage>{durationHint(kind, tool)}</HelperMessage> : null}
          {problemOf('days') ? <FieldError>{problemOf('days')}</FieldError> : null}
        </div>
      )}
    </div>
  );
}

function App() {
  const loaded = useLoad(loadPanel);
  return (
    <Await value={loaded} label="Loading AI tools…" onRetry={loaded.reload}>
      {(data) => (data.kind === 'none' ? null : <Panel data={data} />)}
    </Await>
  );
}

mountPage(<App />);
