// Shared setup for the sandbox Forge platform tests: an in-memory (or temp
// file) database, a frozen sandbox clock, the fixture app and a tiny fake Jira.
import path from 'node:path';
import { SandboxClock } from '../../../src/sandbox/clock';
import type {
  EmulatorRequest,
  EmulatorResponse,
  JiraEmulatorApi,
  JiraProductEvent,
} from '../../../src/sandbox/contracts';
import { openSandboxDb, type SandboxDb } from '../../../src/sandbox/db';
import { FaultInjector } from '../../../src/sandbox/faults';
import { createForgePlatform, type ForgePlatform, type ForgePlatformOptions } from '../../../src/sandbox/forge';
import { clearSeen } from '../../fixtures/forge-app/recorder';

export const FIXTURE_MANIFEST = path.resolve(__dirname, '../../fixtures/forge-app/manifest.yml');
export const loadFixtureApp = () => require('../../fixtures/forge-app/index') as Record<string, unknown>;
export const START = '2026-03-02T09:00:00.000Z';

export interface FakeJira extends JiraEmulatorApi {
  calls: EmulatorRequest[];
  emit(event: JiraProductEvent): void;
}

/** Answers every call with 200 {path, principal} (or /myself with the caller) and records it. */
export function fakeJira(): FakeJira {
  const listeners: Array<(e: JiraProductEvent) => void> = [];
  const calls: EmulatorRequest[] = [];
  return {
    calls,
    appAccountId: 'app-account-1',
    baseUrl: 'http://127.0.0.1:9999',
    async handle(req: EmulatorRequest): Promise<EmulatorResponse> {
      calls.push(req);
      if (req.path === '/rest/api/3/myself')
        return {
          status: 200,
          body: {
            accountId: req.principal.kind === 'anonymous' ? null : req.principal.accountId,
            kind: req.principal.kind,
          },
        };
      return { status: 200, body: { path: req.path, principal: req.principal } };
    },
    authenticate: () => undefined,
    onEvent(listener) {
      listeners.push(listener);
    },
    emit(event) {
      for (const l of listeners) l(event);
    },
  };
}

export interface Harness {
  platform: ForgePlatform;
  db: SandboxDb;
  clock: SandboxClock;
  faults: FaultInjector;
  jira: FakeJira;
}

export function makeHarness(
  overrides: Partial<ForgePlatformOptions> & { dbPath?: string; clock?: SandboxClock } = {},
): Harness {
  clearSeen();
  const { dbPath, clock: givenClock, ...rest } = overrides;
  const db = openSandboxDb(dbPath ?? ':memory:');
  const clock = givenClock ?? new SandboxClock();
  if (!givenClock) clock.set(START, { freeze: true });
  const faults = new FaultInjector();
  const jira = fakeJira();
  const platform = createForgePlatform({
    db,
    clock,
    faults,
    jira,
    manifest: FIXTURE_MANIFEST,
    loadApp: loadFixtureApp,
    ...rest,
  });
  return { platform, db, clock, faults, jira };
}

export function issueEvent(overrides: Partial<JiraProductEvent> = {}): JiraProductEvent {
  return {
    eventType: 'avi:jira:created:issue',
    atlassianId: 'user-alice',
    causedByApp: false,
    timestamp: Date.parse(START),
    issue: {
      id: '10001',
      key: 'AIC-1',
      fields: {
        summary: 'Access to Claude',
        issuetype: { id: '10100', name: 'AI Access' },
        creator: { accountId: 'user-alice' },
        reporter: { accountId: 'user-alice' },
        assignee: null,
        created: '2026-03-02T09:00:00.000+0000',
        updated: '2026-03-02T09:00:00.000+0000',
        project: { id: '10000', key: 'AIC' },
        status: { id: '1', name: 'Open' },
        customfield_10050: { id: '1', value: 'Claude' },
        customfield_99999: 'not requested',
        labels: ['ai'],
        description: 'long text the trigger did not ask for',
      },
      properties: { aic: { request: { toolId: 'claude', secret: 'x' }, other: 1, tags: ['a', 'b'] }, unrelated: true },
    },
    ...overrides,
  };
}
