import { definitionsFrom } from './resolver-definitions';
import { registerAgentResolvers } from './resolvers/agent';

export const agentResolver = definitionsFrom((r) => registerAgentResolvers(r));
