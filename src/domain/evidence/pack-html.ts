// The evidence pack as one printable HTML page: self-contained (no scripts, no
// fonts, images or style sheets from anywhere; a CSP meta tag forbids them),
// with print CSS, every piece of text from records and people escaped by
// Handlebars' escapeExpression (& < > " ' ` =), never written raw.
import type { PolicyVersionText } from '../policy/policy-history';
import type { RiskPolicy } from '../policy/risk-policy';
import type { PackScope } from './pack';
import HandlebarsRuntime from 'handlebars/runtime';

const esc = (v: unknown): string =>
  HandlebarsRuntime.escapeExpression(typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#172b4d;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #dfe1e6;padding-bottom:.25rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #dfe1e6;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f5f7;width:14rem}code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;word-break:break-all;white-space:pre-wrap}
.controls{color:#42526e;font-size:.9rem}.note{background:#fffae6;border:1px solid #ffe380;padding:.5rem .75rem}
@media print{body{margin:0;max-width:none;font-size:11pt}h2,h3{break-after:avoid}article{break-before:page}table,pre{break-inside:avoid}a{color:inherit;text-decoration:none}.noprint{display:none}}
`;

interface PackView {
  scope: PackScope;
  generatedAt: string;
  generatedBy?: string;
  disclaimer: string;
  grants: ReadonlyArray<{ issueKey: string; sections: Record<string, unknown> }>;
  controls: { bySection: Readonly<Record<string, readonly string[]>> };
}

const TITLES: Record<string, string> = {
  request: 'The request',
  decisions: 'Decisions',
  policy: 'Policy version applied',
  grant: 'The grant',
  reminders: 'Reminders and extensions',
  end: 'Expiry or revocation',
  connectorResults: 'Fulfilment and connector results',
  events: 'Governance events and their digests',
};

function table(value: unknown): string {
  if (value === null || value === undefined) return '<p>None recorded.</p>';
  if (Array.isArray(value)) {
    if (value.length === 0) return '<p>None recorded.</p>';
    return value.map((v) => table(v)).join('');
  }
  if (typeof value !== 'object') return `<p>${esc(value)}</p>`;
  const rows = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => {
      const cell = v !== null && typeof v === 'object' ? `<pre>${esc(JSON.stringify(v, null, 2))}</pre>` : esc(v);
      return `<tr><th>${esc(k)}</th><td>${cell}</td></tr>`;
    })
    .join('');
  return `<table>${rows}</table>`;
}

/** The policy section: the text of the version applied as a table (field by risk level), then the rest. */
function policyHtml(section: unknown): string {
  const { applied, ...rest } = (section ?? {}) as { applied?: PolicyVersionText | null; appliedVersion?: unknown };
  if (!applied) return table(rest);
  const levels = Object.keys(applied.levels) as Array<keyof PolicyVersionText['levels']>;
  const fields = Object.keys(applied.levels[levels[0]] ?? {}) as Array<keyof RiskPolicy>;
  const rows = fields
    .map((f) => `<tr><th>${esc(f)}</th>${levels.map((l) => `<td>${esc(applied.levels[l][f])}</td>`).join('')}</tr>`)
    .join('');
  const since = applied.since
    ? `In force from ${esc(applied.since.at)}, made by ${esc(applied.since.by.accountId ?? applied.since.by.type)}${applied.since.event ? ` (policy event seq ${esc(applied.since.event.seq)}, digest <code>${esc(applied.since.event.digest)}</code>)` : ''}.`
    : applied.version === 1
      ? 'Version 1, as installed.'
      : '';
  return `<p><strong>Text of policy version ${esc(applied.version)}, as applied.</strong> ${since}</p><table><tr><th>field</th>${levels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr>${rows}</table>${table(rest)}`;
}

function grantHtml(
  g: { issueKey: string; sections: Record<string, unknown> },
  bySection: PackView['controls']['bySection'],
  many: boolean,
): string {
  const sections = Object.entries(g.sections)
    .map(([key, value]) => {
      const refs = bySection[key] ?? [];
      const h = many ? 'h3' : 'h2';
      return `<section><${h}>${esc(TITLES[key] ?? key)}</${h}>${
        refs.length ? `<p class="controls">Supports evidence for: ${refs.map(esc).join('; ')}</p>` : ''
      }${key === 'policy' ? policyHtml(value) : table(value)}</section>`;
    })
    .join('\n');
  return many ? `<article><h2>${esc(g.issueKey)}</h2>${sections}</article>` : sections;
}

export function renderPackHtml(pack: PackView): string {
  const title =
    'issueKey' in pack.scope
      ? pack.scope.issueKey
      : `grants${pack.scope.toolId ? ` of ${pack.scope.toolId}` : ''} approved ${pack.scope.from} to ${pack.scope.to}${pack.scope.part ? ` (part ${pack.scope.part.n} of ${pack.scope.part.of})` : ''}`;
  const many = !('issueKey' in pack.scope);
  const body = pack.grants.length
    ? pack.grants.map((g) => grantHtml(g, pack.controls.bySection, many)).join('\n')
    : '<p>No grant in this period.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence pack ${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>AI Clearance evidence pack: ${esc(title)}</h1>
<p>Generated ${esc(pack.generatedAt)}${pack.generatedBy ? ` by ${esc(pack.generatedBy)}` : ''}. The files of this pack and their SHA-256 are listed in manifest.json; check them with <code>ai-clearance evidence verify &lt;folder&gt;</code>.</p>
<p class="note">${esc(pack.disclaimer)}</p>
${body}
</body>
</html>
`;
}
