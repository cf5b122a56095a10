import Resolver from '@forge/resolver';
import { registerAdminResolvers } from './resolvers/admin';
import { registerAgentResolvers } from './resolvers/agent';
import { registerPortalResolvers } from './resolvers/portal';

function definitionsFrom(register: (resolver: Resolver) => void) {
  const resolver = new Resolver();
  register(resolver);
  return resolver.getDefinitions();
}

export const adminResolver = definitionsFrom((r) => registerAdminResolvers(r));
export const agentResolver = definitionsFrom((r) => registerAgentResolvers(r));
export const portalResolver = definitionsFrom((r) => registerPortalResolvers(r));
