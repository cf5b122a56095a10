// What the e2e suites against `npm start` share: jira.js clients for a sandbox user, an issue's
// comments as text, and filing an AI access request through JSM's REST API.
import { ServiceDeskClient, Version3Client } from 'jira.js';

const TOKEN = 'sandbox-token';

export interface JsmSite {
  v3: (email: string) => Version3Client;
  sd: (email: string) => ServiceDeskClient;
  /** Every comment of `key` as plain text, with whether customers see it. */
  comments: (key: string) => Promise<Array<{ text: string; public: boolean }>>;
  /** Files "Request access to an AI tool" as `email`; answers the issue key (not yet settled). */
  fileAccessRequest(input: {
    email: string;
    requestTypeId: string;
    fields: Record<string, string>;
    tool: string;
    days: number;
    purpose: string;
  }): Promise<string>;
}

export function adfText(node: any): string {
  if (!node || typeof node !== 'object') return '';
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(adfText).join(' ');
}

export function jsmSite(url: () => string): JsmSite {
  const v3 = (email: string) =>
    new Version3Client({ host: url(), authentication: { basic: { email, apiToken: TOKEN } } });
  const sd = (email: string) =>
    new ServiceDeskClient({ host: url(), authentication: { basic: { email, apiToken: TOKEN } } });
  return {
    v3,
    sd,
    async comments(key) {
      const page = await v3('agent@example.com').issueComments.getComments({ issueIdOrKey: key });
      return (page.comments ?? []).map((c) => ({ text: adfText(c.body), public: c.jsdPublic !== false }));
    },
    async fileAccessRequest({ email, requestTypeId, fields, tool, days, purpose }) {
      const created = await sd(email).request.createCustomerRequest({
        serviceDeskId: '1',
        requestTypeId,
        requestFieldValues: {
          summary: `Access to ${tool}`,
          [fields['AI tool']]: { value: tool },
          [fields['Business purpose']]: purpose,
          [fields['Access duration (days)']]: days,
        },
      });
      return created.issueKey as string;
    },
  };
}
