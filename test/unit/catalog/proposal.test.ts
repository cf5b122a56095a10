import { acceptProposal, deriveToolId, slugify, type ToolProposal } from '../../../src/domain/catalog';
import { DEFAULT_RISK_POLICIES } from '../../../src/domain/policy';
import { policySet } from '../policy/policy-fixtures';
import { ADMIN, entry } from './entry-factory';

const proposal = (over: Partial<ToolProposal> = {}): ToolProposal => ({
  issueKey: 'AIC-42',
  proposedBy: '712020:8f2c-employee',
  name: 'Acme Writer Pro',
  vendor: 'Acme Inc.',
  vendorUrl: 'https://acme.example.com/writer',
  ...over,
});

describe('acceptProposal', () => {
  it('creates a proposed entry that is unassessed and treated as high risk', () => {
    const r = acceptProposal(proposal(), [], policySet(), ADMIN);
    if (!r.ok) throw new Error(r.error.message);
    const high = DEFAULT_RISK_POLICIES.high;
    expect(r.value.entry).toMatchObject({
      id: 'acme-writer-pro',
      status: 'proposed',
      risk: 'high',
      category: 'other',
      tier: 'unknown',
      riskRationale: 'Not yet assessed: proposed in AIC-42; treated as high risk until an admin assesses it.',
      dataHandling: {
        trainsOnCustomerData: 'unknown',
        retention: 'Not yet assessed',
        sso: false,
        soc2: false,
        dataResidency: [],
      },
      defaultDays: high.defaultDays,
      maxDays: high.maxDays,
      reviewWindowDays: high.reviewWindowDays,
      origin: { kind: 'proposal', issueKey: 'AIC-42', proposedBy: '712020:8f2c-employee' },
      assessedOn: '2026-11-15',
      version: 1,
    });
    expect(r.value.event).toMatchObject({
      action: 'catalog.proposed',
      subject: { type: 'catalog', id: 'acme-writer-pro' },
      actor: ADMIN.actor,
    });
  });

  it("takes the admin's classification when given, with its durations", () => {
    const r = acceptProposal(
      proposal({ category: 'writing', tier: 'business', risk: 'low', riskRationale: 'Reviewed: no training, SOC 2' }),
      [],
      policySet(),
      ADMIN,
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        entry: {
          category: 'writing',
          tier: 'business',
          risk: 'low',
          maxDays: 180,
          riskRationale: 'Reviewed: no training, SOC 2',
        },
      },
    });
  });

  it('gives a prohibited classification no duration', () => {
    const r = acceptProposal(proposal({ risk: 'prohibited', riskRationale: 'Consumer app' }), [], policySet(), ADMIN);
    expect(r).toMatchObject({
      ok: true,
      value: { entry: { risk: 'prohibited', defaultDays: 0, maxDays: 0, reviewWindowDays: 0 } },
    });
  });

  it('derives a fresh id when the name collides with another tool', () => {
    const catalog = [
      entry({ id: 'acme-writer-pro', name: 'Acme Writer Pro', vendor: 'Other Co' }),
      entry({ id: 'acme-writer-pro-2', name: 'x', vendor: 'y' }),
    ];
    expect(acceptProposal(proposal(), catalog, policySet(), ADMIN)).toMatchObject({
      ok: true,
      value: { entry: { id: 'acme-writer-pro-3' } },
    });
  });

  it('refuses a tool already in the catalog (same name and vendor, any spelling)', () => {
    const catalog = [
      entry({ id: 'acme-writer', name: 'ACME writer pro', vendor: 'Acme Inc', status: 'suspended', statusReason: 'x' }),
    ];
    expect(acceptProposal(proposal(), catalog, policySet(), ADMIN)).toEqual({
      ok: false,
      error: {
        code: 'CATALOG_DUPLICATE_TOOL',
        entryId: 'acme-writer',
        message:
          '"Acme Writer Pro" by Acme Inc. is already in the catalog as "acme-writer" (suspended); no new entry was created.',
      },
    });
  });

  it('allows proposing a retired tool again, as a new entry', () => {
    const catalog = [
      entry({
        id: 'acme-writer-pro',
        name: 'Acme Writer Pro',
        vendor: 'Acme Inc.',
        status: 'retired',
        statusReason: 'x',
      }),
    ];
    expect(acceptProposal(proposal(), catalog, policySet(), ADMIN)).toMatchObject({
      ok: true,
      value: { entry: { id: 'acme-writer-pro-2' } },
    });
  });

  it('refuses an incomplete proposal, listing everything to fix', () => {
    const r = acceptProposal(
      proposal({ issueKey: 'nope', name: ' ', vendorUrl: 'http://acme.example.com', risk: 'low' }),
      [],
      policySet(),
      ADMIN,
    );
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'CATALOG_PROPOSAL_INVALID',
        entryId: null,
        message:
          'The proposal nope cannot be accepted: issueKey must be a Jira issue key such as AIC-42; got "nope"; name must be one line of 1 to 100 characters; vendorUrl must be the vendor\'s https:// address; got "http://acme.example.com"; a risk of low needs a riskRationale saying why.',
      },
    });
  });
});

describe('tool ids', () => {
  it.each([
    ['ChatGPT Enterprise', 'chatgpt-enterprise'],
    ['  Café  Crème AI!! ', 'cafe-creme-ai'],
    ['Notion AI (Business)', 'notion-ai-business'],
    ['日本語ツール', ''],
  ])('slugify(%p) = %p', (name, id) => {
    expect(slugify(name)).toBe(id);
  });

  it('keeps ids within 64 characters, cutting at a word', () => {
    const id = deriveToolId(
      'An extraordinarily long product name for an artificial intelligence writing assistant',
      'V',
      new Set(),
    );
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(id.endsWith('-')).toBe(false);
  });

  it('falls back to the vendor, then to "tool", when the name has no usable letters', () => {
    expect(deriveToolId('日本語ツール', 'Kaisha AI', new Set())).toBe('kaisha-ai');
    expect(deriveToolId('日本語', '会社', new Set(['tool']))).toBe('tool-2');
  });
});
