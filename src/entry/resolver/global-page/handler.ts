// My AI access (jira:globalPage): a person's own access (the portal resolvers) and, for agents, the
// Approvals tab (the agent resolvers, which check the agent permission as the user on every call). A
// module has one resolver function, so this one registers both sets; their names do not overlap.
import { definitionsFrom } from '../definitions';
import { registerAgentResolvers } from '../queue-page/resolvers';
import { registerPortalResolvers } from '../portal-panel/resolvers';

export const accessResolver = definitionsFrom((r) => {
  registerPortalResolvers(r);
  registerAgentResolvers(r);
});
