import { appendEvent } from '../../../src/domain/governance';
import {
  approve,
  approveAllLowRisk,
  CATALOG_STATUSES,
  canTransition,
  retire,
  suspend,
  type CatalogEntry,
  type CatalogStatus,
} from '../../../src/domain/catalog';
import { ADMIN, entry, NOW, prohibitedEntry } from './entry-factory';

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('catalog lifecycle', () => {
  it('allows exactly the documented moves', () => {
    const allowed = CATALOG_STATUSES.flatMap((from) =>
      CATALOG_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'proposed→requestable',
        'proposed→retired',
        'requestable→suspended',
        'suspended→requestable',
        'suspended→retired',
      ].sort(),
    );
  });

  it('approve: proposed → requestable, with a version bump and an approval event', () => {
    const { entry: next, event } = unwrap(approve(entry(), ADMIN));
    expect(next).toMatchObject({ status: 'requestable', version: 2, updatedAt: NOW.toISOString() });
    expect(event).toEqual({
      action: 'catalog.approved',
      subject: { type: 'catalog', id: 'deepl-pro' },
      actor: ADMIN.actor,
      before: { status: 'proposed', version: 1 },
      after: { status: 'requestable', version: 2 },
    });
    expect(() => appendEvent(undefined, event, NOW, (n) => new Uint8Array(n))).not.toThrow();
  });

  it('suspend then re-approve: logged as a reinstatement, and the suspension reason is cleared', () => {
    const suspended = unwrap(suspend(entry({ status: 'requestable' }), '  Vendor changed its terms  ', ADMIN));
    expect(suspended.entry).toMatchObject({ status: 'suspended', statusReason: 'Vendor changed its terms' });
    expect(suspended.event).toMatchObject({
      action: 'catalog.suspended',
      after: { status: 'suspended', statusReason: 'Vendor changed its terms' },
    });
    const back = unwrap(approve(suspended.entry, ADMIN));
    expect(back.entry).toMatchObject({ status: 'requestable', statusReason: null, version: 3 });
    expect(back.event.action).toBe('catalog.reinstated');
  });

  it('retire: from proposed or suspended, with a reason', () => {
    expect(unwrap(retire(entry(), 'Duplicate of another entry', ADMIN)).entry.status).toBe('retired');
    expect(
      unwrap(retire(entry({ status: 'suspended', statusReason: 'x' }), 'Vendor shut down', ADMIN)).event,
    ).toMatchObject({
      action: 'catalog.retired',
      before: { status: 'suspended', statusReason: 'x' },
      after: { status: 'retired', statusReason: 'Vendor shut down' },
    });
  });

  it('never makes a prohibited tool requestable', () => {
    for (const status of ['proposed', 'suspended'] as const) {
      expect(approve(prohibitedEntry({ status }), ADMIN)).toEqual({
        ok: false,
        error: {
          code: 'CATALOG_PROHIBITED_NOT_REQUESTABLE',
          entryId: 'character-ai',
          message:
            '"Character.AI" is prohibited and can never be requestable. If its assessment has changed, edit its risk level (with a rationale) first, then approve it.',
        },
      });
    }
  });

  it.each<[CatalogStatus, 'approve' | 'suspend' | 'retire', string, string]>([
    [
      'requestable',
      'retire',
      'CATALOG_TRANSITION_NOT_ALLOWED',
      '"DeepL Pro" is requestable; suspend it first (that declines pending requests and handles live grants), then retire it.',
    ],
    [
      'proposed',
      'suspend',
      'CATALOG_TRANSITION_NOT_ALLOWED',
      '"DeepL Pro" is proposed and has never been requestable; retire it instead of suspending it.',
    ],
    [
      'retired',
      'approve',
      'CATALOG_TRANSITION_NOT_ALLOWED',
      '"DeepL Pro" is retired; a retired tool cannot come back. Propose it again to create a new entry.',
    ],
    [
      'retired',
      'suspend',
      'CATALOG_TRANSITION_NOT_ALLOWED',
      '"DeepL Pro" is retired; a retired tool cannot come back. Propose it again to create a new entry.',
    ],
    ['requestable', 'approve', 'CATALOG_NO_CHANGE', '"DeepL Pro" is already requestable.'],
    ['suspended', 'suspend', 'CATALOG_NO_CHANGE', '"DeepL Pro" is already suspended.'],
    ['retired', 'retire', 'CATALOG_NO_CHANGE', '"DeepL Pro" is already retired.'],
  ])('from %s, %s is refused with %s', (status, action, code, message) => {
    const e = entry({ status, statusReason: status === 'suspended' || status === 'retired' ? 'earlier reason' : null });
    const result =
      action === 'approve'
        ? approve(e, ADMIN)
        : action === 'suspend'
          ? suspend(e, 'why', ADMIN)
          : retire(e, 'why', ADMIN);
    expect(result).toEqual({ ok: false, error: { code, entryId: 'deepl-pro', message } });
  });

  it('requires a reason to suspend or retire, and keeps it to a readable length', () => {
    expect(suspend(entry({ status: 'requestable' }), '   ', ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'CATALOG_REASON_REQUIRED' },
    });
    expect(retire(entry(), '', ADMIN)).toMatchObject({
      ok: false,
      error: {
        code: 'CATALOG_REASON_REQUIRED',
        message: 'Say why you retire "DeepL Pro": the reason is shown to requesters and kept as evidence.',
      },
    });
    expect(suspend(entry({ status: 'requestable' }), 'x'.repeat(1001), ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'CATALOG_REASON_TOO_LONG' },
    });
  });

  it('does not modify the entry it was given', () => {
    const original = entry();
    const copy = structuredClone(original);
    approve(original, ADMIN);
    expect(original).toEqual(copy);
  });

  it('approveAllLowRisk approves proposed low-risk tools only', () => {
    const entries: CatalogEntry[] = [
      entry({ id: 'a' }),
      entry({ id: 'b', risk: 'medium', defaultDays: 30, maxDays: 90 }),
      entry({ id: 'c', status: 'suspended', statusReason: 'paused' }),
      entry({ id: 'd', status: 'requestable' }),
      prohibitedEntry(),
      entry({ id: 'e' }),
    ];
    const changes = approveAllLowRisk(entries, ADMIN);
    expect(changes.map((c) => [c.entry.id, c.entry.status])).toEqual([
      ['a', 'requestable'],
      ['e', 'requestable'],
    ]);
  });
});
