import { liveTargetFromEnv } from '../live/target';

const base = { AIC_LIVE_SITE: 'https://acme.atlassian.net/', AIC_LIVE_EMAIL: 'me@acme.com', AIC_LIVE_TOKEN: 't' };

describe('live target from the environment', () => {
  it('nothing set: all three required variables are named missing', () => {
    expect(liveTargetFromEnv({})).toEqual({
      ok: false,
      missing: ['AIC_LIVE_SITE', 'AIC_LIVE_EMAIL', 'AIC_LIVE_TOKEN'],
      problems: [],
    });
  });

  it('a complete environment gives the target with defaults, trailing slash dropped, no agent', () => {
    const r = liveTargetFromEnv(base);
    expect(r).toMatchObject({
      ok: true,
      target: {
        kind: 'live',
        url: 'https://acme.atlassian.net',
        projectKey: 'AIC',
        tool: 'ChatGPT Enterprise',
        outcomeTimeoutMs: 600_000,
        agent: undefined,
      },
    });
  });

  it('agent credentials, project, tool and timeout are read', () => {
    const r = liveTargetFromEnv({
      ...base,
      AIC_LIVE_AGENT_EMAIL: 'a@acme.com',
      AIC_LIVE_AGENT_TOKEN: 'x',
      AIC_LIVE_PROJECT: 'ITS',
      AIC_LIVE_TOOL: 'Claude for Work',
      AIC_LIVE_TIMEOUT_S: '120',
    });
    expect(r).toMatchObject({
      ok: true,
      target: {
        agent: { email: 'a@acme.com', token: 'x' },
        projectKey: 'ITS',
        tool: 'Claude for Work',
        outcomeTimeoutMs: 120_000,
      },
    });
  });

  it.each([
    [{ AIC_LIVE_SITE: 'http://acme.atlassian.net' }, /https URL/],
    [{ AIC_LIVE_SITE: 'acme.atlassian.net' }, /https URL/],
    [{ AIC_LIVE_AGENT_EMAIL: 'a@acme.com' }, /both AIC_LIVE_AGENT_EMAIL and AIC_LIVE_AGENT_TOKEN/],
    [{ AIC_LIVE_TIMEOUT_S: '5' }, /whole number of seconds from 10 to 3600/],
    [{ AIC_LIVE_TIMEOUT_S: 'ten' }, /whole number/],
  ])('%j is refused, saying what to fix', (over, message) => {
    const r = liveTargetFromEnv({ ...base, ...over });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.problems.join('; ')).toMatch(message);
  });

  it('plain http is accepted only on loopback (a rehearsal against npm start)', () => {
    expect(liveTargetFromEnv({ ...base, AIC_LIVE_SITE: 'http://127.0.0.1:8080' }).ok).toBe(true);
  });
});
