// Admin-only resolvers: the caller must be a Jira administrator, asked of
// Jira AS THE USER (asUser), never trusted from the payload. A refusal is a
// clear FORBIDDEN answer and a log line (account id and function only — no
// payload, no tokens).
import * as z from 'zod/mini';
import { jiraRoute } from '../../adapters/jira/routes';
import type { JiraTransport } from '../../ports/jira-transport';
import { needsUserConsent } from '../error-description';

import type { ResolverError } from './envelope';

export type { ResolverError } from './envelope';

const permissionsSchema = z.object({ permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })) });

export async function isJiraAdmin(asUser: JiraTransport): Promise<boolean> {
  try {
    const res = await asUser.request({
      ...jiraRoute('GET /rest/api/3/mypermissions'),
      query: { permissions: 'ADMINISTER' },
    });
    return permissionsSchema.parse(res.body).permissions.ADMINISTER?.havePermission === true;
  } catch (e) {
    if (needsUserConsent(e)) throw e; // Forge asks the user to allow access; not a refusal
    // Cannot tell → not an admin (fail closed).
    return false;
  }
}

export function forbidden(functionName: string, accountId: string | undefined): ResolverError {
  console.warn(JSON.stringify({ event: 'admin-resolver.forbidden', functionName, accountId: accountId ?? null }));
  return {
    error: {
      code: 'FORBIDDEN',
      message:
        'Only Jira administrators can change the AI Clearance catalog, policy, provisioning or governance log. Ask a Jira admin.',
    },
  };
}
