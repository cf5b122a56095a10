import type { JiraProductEvent } from '../../../src/sandbox/contracts';
import { IDS, PURPOSE, makeCoreHarness, type CoreHarness } from './harness';

let h: CoreHarness;
beforeAll(async () => {
  h = await makeCoreHarness({ concurrency: 8 });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.sb.faults.reset();
  h.hold(false);
});

const actions = async (subject: string) => (await h.events(subject)).map((e) => (e.doc as { action: string }).action);
const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;

async function transition(key: string, id: string) {
  const res = await h.call('agent', 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id } });
  expect(res.status).toBe(204);
}

describe('at-least-once, unordered, concurrent', () => {
  it('converges when every lifecycle event is delivered twice and out of order', async () => {
    h.hold(true);
    const { issueId, issueKey } = h.fileViaPanel('alice', {
      toolId: 'github-copilot-business',
      purpose: PURPOSE,
      days: 30,
    });
    const created = h.held.splice(0);
    // The agent acts on the ticket before the app has seen anything.
    await transition(issueKey, '21'); // Approve (from Waiting for support)
    await transition(issueKey, '51'); // Mark fulfilled
    const updates = h.held.splice(0).filter((e) => e.eventType === 'avi:jira:updated:issue');
    expect(updates).toHaveLength(2);
    h.hold(false);
    const [approve, fulfil] = updates as [JiraProductEvent, JiraProductEvent];
    // Worst order: fulfil, approve, created — then every one again.
    h.deliver([fulfil, approve, ...created, fulfil, ...created, approve]);
    await h.settle(true);

    expect((await h.record('request', issueId))?.status).toBe('approved');
    expect((await h.record('grant', issueId))?.status).toBe('active');
    const req = await actions(`request:${issueId}`);
    const grant = await actions(`grant:${issueId}`);
    expect(req).toEqual(['request.submitted', 'request.pending_approval', 'request.approved']);
    expect(grant).toEqual(['grant.created', 'grant.fulfilled']);
    const comments = await h.comments(issueKey);
    expect(
      count(
        comments.map((c) =>
          c.text.includes('waiting for approval')
            ? 'intake'
            : c.text.includes('has been **approved**') || c.text.includes('has been approved')
              ? 'approved'
              : c.text.includes('is ready')
                ? 'fulfilled'
                : 'other',
        ),
        'intake',
      ),
    ).toBe(1);
    expect(comments.filter((c) => c.text.includes('approved by')).length).toBe(1);
    expect(comments.filter((c) => c.text.includes('is ready')).length).toBe(1);
    expect((await h.issue(issueKey)).properties.aiClearance).toMatchObject({ status: 'active' });
    expect(h.sb.forge.deadLetters()).toHaveLength(0);
  });

  it('20 concurrent filings for the same user and tool: exactly one pending, 19 blocked', async () => {
    h.hold(true);
    const filed = Array.from({ length: 20 }, () =>
      h.fileViaPanel('bob', { toolId: 'claude-for-work', purpose: PURPOSE, days: 30 }),
    );
    const events = h.held.splice(0);
    h.hold(false);
    h.deliver(events);
    await h.settle();
    const statuses = await Promise.all(filed.map(async (f) => (await h.record('request', f.issueId))?.status));
    expect(count(statuses as string[], 'pending_approval')).toBe(1);
    expect(count(statuses as string[], 'blocked_duplicate')).toBe(19);
    const winner = filed[statuses.indexOf('pending_approval')];
    expect((await h.record('lock', `${IDS.bob}:claude-for-work`))?.doc.holderIssueId).toBe(winner.issueId);
    for (const f of filed.filter((x) => x !== winner).slice(0, 3)) {
      const [c] = await h.comments(f.issueKey);
      expect(c.text).toContain(winner.issueKey);
    }
  });

  it('retries through injected 429 (Retry-After) and 5xx: end state complete, nothing lost or doubled', async () => {
    h.sb.faults.configure({ jira: { rate429: 0.3, rate5xx: 0.2, retryAfterSeconds: 2 }, seed: 7 });
    const filed = ['chatgpt-enterprise', 'deepl-pro', 'openai-api'].map((toolId) =>
      h.fileViaPanel('alice', { toolId, purpose: PURPOSE, days: 20 }),
    );
    await h.settle(true);
    for (const f of filed) {
      if ((await h.record('request', f.issueId))?.status === 'pending_approval')
        await retryCall(() => transition(f.issueKey, '21'));
    }
    await h.settle(true);
    h.sb.faults.reset();
    for (const f of filed) {
      const req = await h.record('request', f.issueId);
      expect(['approved', 'auto_approved']).toContain(req?.status);
      // Everything the store says is on the ticket (ops stay listed until a later event acknowledges them).
      const issue = await h.issue(f.issueKey);
      expect(issue.properties.aiClearance.stampSeq).toBe(req?.doc.sync.seq);
      expect(issue.properties.aiClearance.requestStatus).toBe(req?.status);
      const comments = await h.comments(f.issueKey);
      expect(
        comments.filter((c) => c.text.includes('waiting for approval') || c.text.includes('approved automatically'))
          .length,
      ).toBe(1);
      expect(comments.filter((c) => c.text.includes('approved by')).length).toBe(req?.status === 'approved' ? 1 : 0);
    }
    expect(h.sb.forge.listInvocations({ limit: 500 }).some((i) => i.result === 'retry')).toBe(true);
    expect(h.sb.forge.deadLetters()).toHaveLength(0);
  });

  it('renders hostile user input as plain text', async () => {
    const hostile = '**bold** [link](https://evil.example) @admin {{constructor}} <script>x</script> ![img](http://x)';
    const { issueKey } = h.fileViaPanel('bob', {
      toolId: 'chatgpt-enterprise',
      purpose: `${hostile} for drafting contracts`,
      days: 10,
    });
    await h.settle();
    const res = await h.call('admin', 'GET', `/rest/api/3/issue/${issueKey}/comment`);
    const body = JSON.stringify(res.body.comments[0].body);
    expect(body).not.toMatch(/"type":"(mention|inlineCard)"/);
    expect(body).not.toContain('evil.example"');
    expect(body).not.toMatch(/"type":"link","attrs":\{"href":"https:\/\/evil/);
    expect(body).toContain('{{constructor}}');
    expect(body).toContain('[link](https://evil.example)');
  });
});

/** The agent's own REST call may hit an injected fault too; a person would click again. */
async function retryCall(fn: () => Promise<void>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i > 20) throw e;
    }
  }
}
