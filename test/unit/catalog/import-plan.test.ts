import { planCatalogImport, type CatalogEntry, type CatalogImportEntry } from '../../../src/domain/catalog';
import { ADMIN, entry, prohibitedEntry } from './entry-factory';

const asImport = (e: CatalogEntry, over: Partial<CatalogImportEntry> = {}): CatalogImportEntry => {
  const { origin: _o, updatedAt: _u, version: _v, ...rest } = e;
  return { ...rest, ...over };
};

const plan = (existing: CatalogEntry[], imported: CatalogImportEntry[]) => {
  const r = planCatalogImport(existing, imported, ADMIN);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const actions = (p: ReturnType<typeof plan>) =>
  p.changes.map((c) => `${c.entry.id}:${c.event.action}:${c.entry.status}:v${c.entry.version}`);

describe('planCatalogImport', () => {
  it('leaves entries the file does not change, and never deletes', () => {
    const current = [entry(), entry({ id: 'other' })];
    expect(plan(current, [asImport(current[0])])).toEqual({ changes: [], unchanged: ['deepl-pro'] });
  });

  it('adds a new tool as proposed, then walks the lifecycle to the status the file gives', () => {
    const newTool = asImport(entry({ id: 'new-tool' }), { status: 'suspended', statusReason: 'Imported paused' });
    expect(actions(plan([], [newTool]))).toEqual([
      'new-tool:catalog.proposed:proposed:v1',
      'new-tool:catalog.approved:requestable:v2',
      'new-tool:catalog.suspended:suspended:v3',
    ]);
    expect(plan([], [newTool]).changes[0].entry.origin).toEqual({ kind: 'import' });
  });

  it('records field changes as one edit with the diff', () => {
    const current = entry({ status: 'requestable' });
    const p = plan(
      [current],
      [asImport(current, { maxDays: 120, dataHandling: { ...current.dataHandling, iso42001: true } })],
    );
    expect(p.changes.map((c) => c.event)).toEqual([
      {
        action: 'catalog.edited',
        subject: { type: 'catalog', id: 'deepl-pro' },
        actor: ADMIN.actor,
        before: { dataHandling: current.dataHandling, maxDays: 180, version: 1 },
        after: { dataHandling: { ...current.dataHandling, iso42001: true }, maxDays: 120, version: 2 },
      },
    ]);
  });

  it('suspends before marking prohibited, and lifts prohibited before approving', () => {
    const requestable = entry({ status: 'requestable' });
    const toProhibited = asImport(
      prohibitedEntry({ id: 'deepl-pro', name: 'DeepL Pro', status: 'suspended', statusReason: 'Breach' }),
    );
    expect(actions(plan([requestable], [toProhibited]))).toEqual([
      'deepl-pro:catalog.suspended:suspended:v2',
      'deepl-pro:catalog.edited:suspended:v3',
    ]);
    const prohibited = prohibitedEntry({ status: 'suspended', statusReason: 'x' });
    const lifted = asImport(entry({ id: 'character-ai', name: 'Character.AI', status: 'requestable' }));
    expect(actions(plan([prohibited], [lifted]))).toEqual([
      'character-ai:catalog.edited:suspended:v2',
      'character-ai:catalog.reinstated:requestable:v3',
    ]);
  });

  it('goes requestable → suspended → retired when the file says retired', () => {
    const current = entry({ status: 'requestable' });
    expect(actions(plan([current], [asImport(current, { status: 'retired', statusReason: 'Gone' })]))).toEqual([
      'deepl-pro:catalog.suspended:suspended:v2',
      'deepl-pro:catalog.retired:retired:v3',
    ]);
  });

  it('refuses the whole import, listing every entry that cannot be imported', () => {
    const retired = entry({ id: 'old', status: 'retired', statusReason: 'gone' });
    const requestable = entry({ id: 'live', status: 'requestable' });
    const r = planCatalogImport(
      [retired, requestable],
      [
        asImport(entry({ id: 'fine' })),
        asImport(retired, { name: 'Renamed' }),
        asImport(requestable, { status: 'proposed' }),
      ],
      ADMIN,
    );
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'CATALOG_IMPORT_REFUSED',
        message:
          'Nothing was imported; 2 of 3 entries cannot be imported:\nold: "DeepL Pro" is retired and kept as history; the import may not change it. Give the tool a new id to add it again.\nlive: "DeepL Pro" is requestable; an import cannot make it proposed.',
        problems: [
          expect.objectContaining({ entryId: 'old' }),
          expect.objectContaining({ entryId: 'live', code: 'CATALOG_TRANSITION_NOT_ALLOWED' }),
        ],
      },
    });
  });

  it('treats a new suspension reason on a suspended tool as an edit', () => {
    const current = entry({ status: 'suspended', statusReason: 'Old reason' });
    const p = plan([current], [asImport(current, { statusReason: 'New reason' })]);
    expect(p.changes.map((c) => c.event)).toEqual([
      expect.objectContaining({
        action: 'catalog.edited',
        before: { statusReason: 'Old reason', version: 1 },
        after: { statusReason: 'New reason', version: 2 },
      }),
    ]);
  });
});
