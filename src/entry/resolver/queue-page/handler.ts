import { definitionsFrom } from '../definitions';
import { registerAgentResolvers } from './resolvers';

export const agentResolver = definitionsFrom((r) => registerAgentResolvers(r));
