// Evidence: start an export (requests, grants, governance events, catalog history; CSV or JSON Lines),
// follow it, resume a stalled run and download it chunk by chunk, each chunk checked against the SHA-256 the
// run recorded (docs/evidence.md). Also the evidence pack of one ticket, and of a period (in parts of at most
// 25 grants when the period has more, each a whole pack). Files are offered as Blob URLs on
// <a download> links: Forge's Custom UI iframe allows downloads started by a user gesture
// (https://developer.atlassian.com/platform/forge/custom-ui/iframe/ › "Sandbox restrictions", UI-16).
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import { exportManifest, type ExportManifest } from '../../../src/domain/evidence/export-manifest';
import { call, messageOf } from '../shared/invoke';

const KINDS = ['requests', 'grants', 'events', 'catalog'].map((k) => ({ label: k, value: k }));
const FORMATS = ['csv', 'jsonl'].map((f) => ({ label: f === 'csv' ? 'CSV' : 'JSON Lines', value: f }));
const FILTERS = [
  { key: 'from', label: 'From (date)', type: 'date' },
  { key: 'to', label: 'To (date)', type: 'date' },
  { key: 'toolId', label: 'Tool id', type: 'text' },
  { key: 'risk', label: 'Risk', type: 'text' },
  { key: 'status', label: 'Status', type: 'text' },
  { key: 'user', label: 'User (account id)', type: 'text' },
] as const;
type FilterKey = (typeof FILTERS)[number]['key'];
const PERIOD_FIELDS = [
  { key: 'from', label: 'Approved from (date)', type: 'date' },
  { key: 'to', label: 'Approved to (date)', type: 'date' },
  { key: 'toolId', label: 'Tool id of the pack (optional)', type: 'text' },
] as const;
const POLL_MS = 1000;

export interface ExportStatus {
  exportId: string;
  kind: ExportManifest['kind'];
  format: ExportManifest['format'];
  filter: ExportManifest['filter'];
  startedAt: string;
  asOf?: string;
  finishedAt?: string;
  changedAfterAsOf?: number;
  state: 'running' | 'done' | 'failed';
  chunks: number;
  rows: number;
  scanned: number;
  bytes: number;
  resumes: number;
  error?: { code: string; message: string };
  chunkDigests?: string[];
}

interface Download {
  name: string;
  url: string;
  bytes: number;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function blobDownload(name: string, text: string, type: string): Download {
  const blob = new Blob([text], { type });
  return { name, url: URL.createObjectURL(blob), bytes: blob.size };
}

/**
 * Every chunk of a finished run, each checked against its recorded SHA-256, joined into one file; and its
 * manifest (what it is as of, its digests), as the CLI writes it beside the file.
 */
async function downloadExport(run: ExportStatus): Promise<Download[]> {
  const status = await call<ExportStatus>('evidence.export.status', { exportId: run.exportId });
  const digests = status.chunkDigests ?? [];
  const parts: string[] = [];
  const chunkBytes: number[] = [];
  for (let n = 1; n <= status.chunks; n++) {
    const chunk = await call<{ text: string }>('evidence.export.chunk', { exportId: run.exportId, n });
    const actual = await sha256Hex(chunk.text);
    if (actual !== digests[n - 1]) throw new Error(`chunk ${n} does not match its SHA-256; download again`);
    parts.push(chunk.text);
    chunkBytes.push(new TextEncoder().encode(chunk.text).length);
  }
  const csv = status.format === 'csv';
  const text = parts.join('');
  const name = `${status.kind}-${status.exportId}.${csv ? 'csv' : 'jsonl'}`;
  const manifest = exportManifest({ ...status, chunkDigests: digests }, await sha256Hex(text), chunkBytes);
  return [
    blobDownload(name, text, csv ? 'text/csv' : 'application/x-ndjson'),
    blobDownload(`${name}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`, 'application/json'),
  ];
}

interface PeriodPackAnswer {
  files: Record<string, string>;
  part: { n: number; of: number; grants: number; total: number };
}

/** The pack's files, each checked against the SHA-256 its manifest.json lists, before they are offered. */
async function packDownloads(files: Record<string, string>, prefix = ''): Promise<Download[]> {
  const manifest = JSON.parse(files['manifest.json'] ?? '{}') as { files?: Array<{ name: string; sha256: string }> };
  for (const f of manifest.files ?? []) {
    const text = files[f.name];
    if (text === undefined || (await sha256Hex(text)) !== f.sha256)
      throw new Error(`${f.name} does not match the SHA-256 in manifest.json; build the pack again`);
  }
  return Object.entries(files).map(([name, text]) =>
    blobDownload(`${prefix}${name}`, text, name.endsWith('.html') ? 'text/html' : 'application/json'),
  );
}

/** Every part of a period's pack (one call each), each part's files checked; named part-N-… when there are several. */
async function periodPackDownloads(period: {
  from: string;
  to: string;
  toolId: string;
}): Promise<{ files: Download[]; note: string }> {
  const base = {
    from: `${period.from}T00:00:00.000Z`,
    to: `${period.to}T23:59:59.999Z`,
    ...(period.toolId.trim() ? { toolId: period.toolId.trim() } : {}),
  };
  const files: Download[] = [];
  let of = 1;
  let total = 0;
  for (let n = 1; n <= of; n++) {
    const r = await call<PeriodPackAnswer>('evidence.pack', n === 1 ? base : { ...base, part: n });
    ({ of, total } = r.part);
    files.push(...(await packDownloads(r.files, of > 1 ? `part-${n}-` : '')));
  }
  const parts = of > 1 ? `, in ${of} packs of at most ${Math.ceil(total / of)} (each verifies on its own)` : '';
  return { files, note: `${total} grant${total === 1 ? '' : 's'} approved in the period${parts}.` };
}

/** Blob URLs hold their bytes until revoked: let go of the old ones when the files change or the tab closes. */
function useRevokeOnChange(files: Download | Download[] | undefined): void {
  useEffect(
    () => () => {
      for (const f of files === undefined ? [] : Array.isArray(files) ? files : [files]) URL.revokeObjectURL(f.url);
    },
    [files],
  );
}

function filterOf(values: Record<FilterKey, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FILTERS) {
    const v = values[f.key].trim();
    if (!v) continue;
    if (f.key === 'from') out[f.key] = `${v}T00:00:00.000Z`;
    else if (f.key === 'to') out[f.key] = `${v}T23:59:59.999Z`;
    else out[f.key] = v;
  }
  return out;
}

function DownloadLinks({ files }: { files: Download[] }) {
  return (
    <ul aria-label="Files ready to download">
      {files.map((f) => (
        <li key={f.name}>
          <a href={f.url} download={f.name}>{`Download ${f.name}`}</a>
          {` (${f.bytes} bytes)`}
        </li>
      ))}
    </ul>
  );
}

/** One labelled text (or date) input per field, each reporting its own changes. */
function TextInputs<K extends string>(props: {
  idPrefix: string;
  fields: ReadonlyArray<{ key: K; label: string; type: string }>;
  values: Record<K, string>;
  onChange: (key: K, value: string) => void;
}) {
  return (
    <>
      {props.fields.map((f) => (
        <div key={f.key}>
          <label htmlFor={`${props.idPrefix}${f.key}`}>{f.label}</label>
          <Textfield
            id={`${props.idPrefix}${f.key}`}
            type={f.type}
            value={props.values[f.key]}
            onChange={(e) => props.onChange(f.key, e.currentTarget.value)}
          />
        </div>
      ))}
    </>
  );
}

export function EvidenceTab() {
  const [kind, setKind] = useState(KINDS[0] ?? { label: 'requests', value: 'requests' });
  const [format, setFormat] = useState(FORMATS[0] ?? { label: 'CSV', value: 'csv' });
  const [filters, setFilters] = useState<Record<FilterKey, string>>({
    from: '',
    to: '',
    toolId: '',
    risk: '',
    status: '',
    user: '',
  });
  const [run, setRun] = useState<ExportStatus | undefined>();
  const [exportFiles, setExportFiles] = useState<Download[] | undefined>();
  const [issueKey, setIssueKey] = useState('');
  const [packFiles, setPackFiles] = useState<Download[] | undefined>();
  const [period, setPeriod] = useState({ from: '', to: '', toolId: '' });
  const [periodPack, setPeriodPack] = useState<{ files: Download[]; note: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useRevokeOnChange(exportFiles);
  useRevokeOnChange(packFiles);
  useRevokeOnChange(periodPack?.files);

  const running = run?.state === 'running';
  const exportId = run?.exportId;
  useEffect(() => {
    if (!running || !exportId) return undefined;
    const timer = setTimeout(() => {
      call<ExportStatus>('evidence.export.status', { exportId }).then(setRun, (e: unknown) => setError(messageOf(e)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, exportId, run]);

  async function attempt(work: () => Promise<void>) {
    setError(undefined);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  const start = () =>
    attempt(async () => {
      setExportFiles(undefined);
      setRun(
        await call<ExportStatus>('evidence.export.start', {
          kind: kind.value,
          format: format.value,
          filter: filterOf(filters),
        }),
      );
    });
  const resume = () =>
    attempt(async () => {
      if (run) setRun(await call<ExportStatus>('evidence.export.resume', { exportId: run.exportId }));
    });
  const download = () =>
    attempt(async () => {
      if (run) setExportFiles(await downloadExport(run));
    });
  const pack = () =>
    attempt(async () => {
      const r = await call<{ files: Record<string, string> }>('evidence.pack', { issueKey: issueKey.trim() });
      setPackFiles(await packDownloads(r.files));
    });

  const buildPeriodPack = () =>
    attempt(async () => {
      setPeriodPack(undefined);
      setPeriodPack(await periodPackDownloads(period));
    });

  return (
    <div className="aic-stack">
      <section className="aic-stack" aria-labelledby="aic-ev-export">
        <h2 id="aic-ev-export">Export</h2>
        <div className="aic-filters">
          <div>
            <label htmlFor="aic-ev-kind-input">What</label>
            <Select inputId="aic-ev-kind-input" options={KINDS} value={kind} onChange={(o) => o && setKind(o)} />
          </div>
          <div>
            <label htmlFor="aic-ev-format-input">Format</label>
            <Select
              inputId="aic-ev-format-input"
              options={FORMATS}
              value={format}
              onChange={(o) => o && setFormat(o)}
            />
          </div>
          <TextInputs
            idPrefix="aic-ev-"
            fields={FILTERS.map((f) => ({ ...f, label: `${f.label} (optional)` }))}
            values={filters}
            onChange={(key, value) => setFilters((prev) => ({ ...prev, [key]: value }))}
          />
        </div>
        <div className="aic-row">
          <Button appearance="primary" isDisabled={busy || running} onClick={() => void start()}>
            Start export
          </Button>
          {running ? (
            <Button isDisabled={busy} onClick={() => void resume()}>
              Resume a stalled export
            </Button>
          ) : null}
          {run?.state === 'done' ? (
            <Button isDisabled={busy} onClick={() => void download()}>
              Prepare download
            </Button>
          ) : null}
        </div>
        {run ? (
          <p role="status" aria-live="polite">
            {`Export ${run.exportId}: ${run.state} — ${run.rows} rows in ${run.chunks} chunks (${run.bytes} bytes, ${run.scanned} items read${run.resumes ? `, resumed ${run.resumes}×` : ''}), as of ${run.asOf ?? run.startedAt}${run.changedAfterAsOf ? `; ${run.changedAfterAsOf} records changed after it, exported as read` : ''}.`}
          </p>
        ) : null}
        {run?.error ? (
          <SectionMessage appearance="error" title="The export failed">
            <p>{run.error.message}</p>
          </SectionMessage>
        ) : null}
        {exportFiles ? <DownloadLinks files={exportFiles} /> : null}
      </section>
      <section className="aic-stack" aria-labelledby="aic-ev-pack">
        <h2 id="aic-ev-pack">Evidence pack of one ticket</h2>
        <div className="aic-filters">
          <div>
            <label htmlFor="aic-ev-issue">Issue key</label>
            <Textfield
              id="aic-ev-issue"
              value={issueKey}
              placeholder="AIC-12"
              onChange={(e) => setIssueKey(e.currentTarget.value)}
            />
          </div>
        </div>
        <div className="aic-row">
          <Button isDisabled={busy || !issueKey.trim()} onClick={() => void pack()}>
            Build evidence pack
          </Button>
        </div>
        {packFiles ? <DownloadLinks files={packFiles} /> : null}
      </section>
      <section className="aic-stack" aria-labelledby="aic-ev-period">
        <h2 id="aic-ev-period">Evidence pack of a period</h2>
        <div className="aic-filters">
          <TextInputs
            idPrefix="aic-ev-period-"
            fields={PERIOD_FIELDS}
            values={period}
            onChange={(key, value) => setPeriod((prev) => ({ ...prev, [key]: value }))}
          />
        </div>
        <div className="aic-row">
          <Button isDisabled={busy || !period.from || !period.to} onClick={() => void buildPeriodPack()}>
            Build period pack
          </Button>
        </div>
        {periodPack ? (
          <>
            <p role="status">{periodPack.note}</p>
            <DownloadLinks files={periodPack.files} />
          </>
        ) : null}
      </section>
      {error ? (
        <SectionMessage appearance="error" title="That did not work">
          <p>{error}</p>
        </SectionMessage>
      ) : null}
    </div>
  );
}
