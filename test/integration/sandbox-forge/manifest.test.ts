// Wiring from manifest.yml: mistakes fail at startup with an actionable message.
import { SandboxClock } from '../../../src/sandbox/clock';
import { openSandboxDb } from '../../../src/sandbox/db';
import { FaultInjector } from '../../../src/sandbox/faults';
import { createForgePlatform, type ForgePlatformOptions } from '../../../src/sandbox/forge';
import { compileFilterExpression } from '../../../src/sandbox/forge/filter-expression';
import { FIXTURE_MANIFEST, loadFixtureApp } from './helpers';

const fn = (key: string, handler: string) => ({ key, handler });

function start(
  manifest: object,
  loadApp: ForgePlatformOptions['loadApp'] = () => ({ run: () => undefined, other: () => undefined }),
) {
  return createForgePlatform({
    db: openSandboxDb(':memory:'),
    clock: new SandboxClock(),
    faults: new FaultInjector(),
    manifest,
    loadApp,
  });
}

describe('startup checks', () => {
  it('accepts the fixture manifest and reads its modules', async () => {
    const p = createForgePlatform({
      db: openSandboxDb(':memory:'),
      clock: new SandboxClock(),
      faults: new FaultInjector(),
      manifest: FIXTURE_MANIFEST,
      loadApp: loadFixtureApp,
    });
    expect(p.model.triggers.map((t) => t.key)).toEqual(['issue-created', 'issue-updated', 'issue-commented']);
    expect(p.model.consumers.map((c) => [c.queue, c.functionKey, c.method])).toEqual([
      ['work-queue', 'consume-work', undefined],
      ['legacy-queue', 'legacy-resolver', 'legacy-listener'],
    ]);
    expect([...p.model.resolverModules.keys()]).toEqual(['clearance-panel']);
    expect(p.model.entities.get('grant')?.indexes.get('by-user-ends')).toEqual({
      name: 'by-user-ends',
      partition: ['userId'],
      range: 'endsAt',
    });
    expect(p.identity.appId).toBe('00000000-0000-4000-8000-00000000f1a7');
    await p.close();
  });

  it('rejects a module that points at an unknown function', () => {
    const m = {
      modules: {
        function: [fn('a', 'index.run')],
        trigger: [{ key: 't', function: 'b', events: ['avi:jira:created:issue'] }],
      },
    };
    expect(() => start(m)).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_FUNCTION', message: expect.stringContaining('function "b"') }),
    );
  });

  it('rejects a handler that is not an export of the app', () => {
    const m = {
      modules: {
        function: [fn('a', 'index.missing')],
        scheduledTrigger: [{ key: 's', function: 'a', interval: 'hour' }],
      },
    };
    expect(() => start(m)).toThrow(
      expect.objectContaining({
        code: 'HANDLER_NOT_EXPORTED',
        message: expect.stringContaining('exported functions: run, other'),
      }),
    );
  });

  it('rejects filter expressions it cannot evaluate, instead of letting every event through', () => {
    const m = {
      modules: {
        function: [fn('a', 'index.run')],
        trigger: [
          {
            key: 't',
            function: 'a',
            events: [
              { eventType: 'avi:jira:updated:issue', filter: { expression: 'issue.issueType.name in ["Bug"]' } },
            ],
          },
        ],
      },
    };
    expect(() => start(m)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_FILTER_EXPRESSION' }));
  });

  it('rejects invalid entity declarations', () => {
    const entities = [
      { name: 'grant', attributes: { a: { type: 'string' } }, indexes: [{ name: 'by-b', range: ['b'] }] },
    ];
    const m = { app: { storage: { entities } }, modules: { function: [fn('a', 'index.run')] } };
    expect(() => start(m)).toThrow(
      expect.objectContaining({ code: 'MANIFEST_INVALID', message: expect.stringContaining('"b"') }),
    );
  });

  it('points a YAML problem at its file and line', () => {
    expect(() => start('/nonexistent/manifest.yml' as unknown as object)).toThrow(/manifest.yml:1:1/);
  });
});

describe('filter expressions', () => {
  const ev = { issue: { fields: { issuetype: { name: 'AI Access' }, priority: null, n: 3 } } };
  it.each([
    ["event.issue.fields.issuetype.name == 'AI Access'", true],
    ["event.issue.fields?.issuetype?.name != 'AI Access'", false],
    ['event.issue.fields.priority == null', true],
    ['event.issue.fields.n == 3 && (false || event.issue.fields.issuetype)', true],
    ['event.issue.fields.missing.deeper == "x"', false],
  ])('%s → %s', (src, expected) => {
    expect(compileFilterExpression(src, 't')(ev)).toBe(expected);
  });
});
