import Resolver from '@forge/resolver';
import { registerAdminResolvers } from './resolvers/admin';
import { registerAgentResolvers } from './resolvers/agent';
import { registerPortalResolvers } from './resolvers/portal';

function adminDefinitions() {
  const resolver = new Resolver();
  registerAdminResolvers(resolver);
  return resolver.getDefinitions();
}

export const adminResolver = adminDefinitions();
function agentDefinitions() {
  const resolver = new Resolver();
  registerAgentResolvers(resolver);
  return resolver.getDefinitions();
}

function portalDefinitions() {
  const resolver = new Resolver();
  registerPortalResolvers(resolver);
  return resolver.getDefinitions();
}

export const agentResolver = agentDefinitions();
export const portalResolver = portalDefinitions();
