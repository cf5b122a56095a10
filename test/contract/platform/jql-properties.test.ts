// Indexed entity properties and JQL (docs/platform-contract.md, section "Indexed entity
// properties and JQL"), over HTTP against the served sandbox with the app's manifest
// aliases (manifest.yml jira:entityProperty). Source:
// https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/
import { indexedDateTime } from '../../../src/usecases/shared/ticket-stamp';
import { serveSandbox, type ServedSandbox } from '../../integration/cli/served-sandbox';

const AUTH = `Basic ${Buffer.from('admin@example.com:sandbox-token').toString('base64')}`;
let served: ServedSandbox;
const keys: string[] = [];

async function http(method: string, path: string, body?: unknown) {
  const res = await fetch(served.server.url + path, {
    method,
    headers: {
      Authorization: AUTH,
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function search(jql: string): Promise<{ status: number; body: any }> {
  return http('GET', `/rest/api/3/search/jql?fields=key&jql=${encodeURIComponent(jql)}`);
}

async function found(jql: string): Promise<string[]> {
  const res = await search(`project = AIC AND ${jql}`);
  if (res.status !== 200) throw new Error(`${jql}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.issues as Array<{ key: string }>)
    .map((i) => i.key)
    .filter((k) => keys.includes(k))
    .sort();
}

async function refused(jql: string): Promise<string> {
  const res = await search(`project = AIC AND ${jql}`);
  expect(res.status).toBe(400);
  // /rest/api/3 errors: the platform ErrorCollection.
  expect(res.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
  return res.body.errorMessages[0];
}

async function issueWith(property: Record<string, unknown>): Promise<string> {
  const created = await http('POST', '/rest/api/3/issue', {
    fields: { project: { key: 'AIC' }, issuetype: { id: '10010' }, summary: 'property fixture' },
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const key = created.body.key as string;
  const put = await http('PUT', `/rest/api/3/issue/${key}/properties/aiClearance`, property);
  expect([200, 201]).toContain(put.status);
  keys.push(key);
  return key;
}

let secondsZ: string, offset: string, dateOnly: string, millis: string, noZone: string, compactZone: string;
beforeAll(async () => {
  served = await serveSandbox();
  secondsZ = await issueWith({
    status: 'active',
    toolId: 'openai-api',
    policyVersion: 2,
    requester: 'acc-1',
    expiresAt: '2026-07-01T09:00:00Z',
  });
  offset = await issueWith({ status: 'active', policyVersion: 3, expiresAt: '2026-07-01T11:00:00+02:00' });
  dateOnly = await issueWith({ status: 'in_review', policyVersion: 1, expiresAt: '2026-07-02' });
  millis = await issueWith({ status: 'Active', expiresAt: '2026-07-01T09:00:00.000Z' });
  noZone = await issueWith({ status: 'expired', expiresAt: '2026-07-01T09:00:00' });
  compactZone = await issueWith({ status: 'revoked', expiresAt: '2026-07-01T09:00:00+0000' });
});
afterAll(async () => {
  await served.close();
});

describe('JQL-1: date values index only in the documented format', () => {
  it('indexes YYYY-MM-DD and YYYY-MM-DDThh:mm:ss with Z or ±hh:mm', async () => {
    expect(await found('aicExpiresAt = "2026-07-01T09:00:00Z"')).toEqual([offset, secondsZ].sort());
    expect(await found('aicExpiresAt >= "2026-07-02"')).toEqual([dateOnly]);
  });

  it('does not index fractions of a second, a missing zone or a zone without a colon', async () => {
    const indexed = await found('aicExpiresAt >= "2000-01-01"');
    expect(indexed).not.toContain(millis);
    expect(indexed).not.toContain(noZone);
    expect(indexed).not.toContain(compactZone);
  });

  it('the app writes expiresAt in the documented format', () => {
    expect(indexedDateTime('2026-07-01T09:00:00.000Z')).toBe('2026-07-01T09:00:00Z');
    expect(indexedDateTime('2026-07-01T09:00:00.999Z')).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/,
    );
  });
});

describe('JQL-2: number — = != > >= < <= and ORDER BY', () => {
  it('compares and sorts', async () => {
    expect(await found('aicPolicyVersion >= 2')).toEqual([offset, secondsZ].sort());
    expect(await found('aicPolicyVersion != 2 AND aicPolicyVersion < 5')).toEqual([dateOnly, offset].sort());
    const sorted = await search('project = AIC AND aicPolicyVersion > 0 ORDER BY aicPolicyVersion DESC');
    expect(sorted.body.issues.map((i: { key: string }) => i.key)).toEqual([offset, secondsZ, dateOnly]);
  });

  it('refuses IN and IS EMPTY', async () => {
    expect(await refused('aicPolicyVersion in (1, 2)')).toBe(
      "The operator 'in' is not supported by the 'aicPolicyVersion' field.",
    );
    expect(await refused('aicPolicyVersion is EMPTY')).toBe(
      "The operator 'is' is not supported by the 'aicPolicyVersion' field.",
    );
  });
});

describe('JQL-3: string — = and != only, exact and case-sensitive, no ORDER BY', () => {
  it('matches exactly', async () => {
    expect(await found('aicStatus = "active"')).toEqual([offset, secondsZ].sort());
    expect(await found('aicStatus = "active" OR aicStatus = "in_review"')).toEqual([dateOnly, offset, secondsZ].sort());
    expect(await found('aicStatus != "active"')).toEqual([compactZone, dateOnly, millis, noZone].sort());
  });

  it('refuses IN, NOT IN, IS EMPTY, ~ and ORDER BY', async () => {
    expect(await refused('aicStatus in ("active", "in_review")')).toBe(
      "The operator 'in' is not supported by the 'aicStatus' field.",
    );
    expect(await refused('aicStatus not in ("active")')).toBe(
      "The operator 'not in' is not supported by the 'aicStatus' field.",
    );
    expect(await refused('aicStatus is EMPTY')).toBe("The operator 'is' is not supported by the 'aicStatus' field.");
    expect(await refused('aicTool ~ "openai"')).toBe("The operator '~' is not supported by the 'aicTool' field.");
    expect(await refused('aicStatus = "active" ORDER BY aicTool ASC')).toBe(
      "Field 'aicTool' does not support sorting.",
    );
  });
});

describe('JQL-5: user — = and != with an account ID or currentUser()', () => {
  it('matches the account id, not a name or email', async () => {
    expect(await found('aicRequester = "acc-1"')).toEqual([secondsZ]);
    expect(await found('aicRequester = currentUser()')).toEqual([]);
  });

  it('refuses IN and ORDER BY', async () => {
    expect(await refused('aicRequester in ("acc-1")')).toBe(
      "The operator 'in' is not supported by the 'aicRequester' field.",
    );
    expect(await refused('aicStatus = "active" ORDER BY aicRequester')).toBe(
      "Field 'aicRequester' does not support sorting.",
    );
  });
});

describe('JQL-6: date — = != > >= < <= and ORDER BY, operands YYYY-MM-DD or ISO date-time with zone', () => {
  it('compares and sorts', async () => {
    expect(await found('aicExpiresAt < "2026-07-01T10:00:00+01:00"')).toEqual([]);
    expect(await found('aicExpiresAt > "2026-07-01"')).toEqual([dateOnly, offset, secondsZ].sort());
    const sorted = await search('project = AIC AND aicPolicyVersion > 0 ORDER BY aicExpiresAt DESC');
    expect(sorted.body.issues[0].key).toBe(dateOnly);
  });

  it('refuses relative dates, functions, IS EMPTY and other literal formats', async () => {
    expect(await refused('aicExpiresAt <= 14d')).toMatch(/^Date value '14d' for field 'aicExpiresAt' is invalid/);
    expect(await refused('aicExpiresAt <= "2026-07-01 10:00"')).toMatch(/is invalid/);
    expect(await refused('aicExpiresAt <= endOfDay("+14")')).toMatch(/not documented/);
    expect(await refused('aicExpiresAt is EMPTY')).toBe(
      "The operator 'is' is not supported by the 'aicExpiresAt' field.",
    );
  });
});
