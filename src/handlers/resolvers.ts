import Resolver from '@forge/resolver';
import { registerAdminResolvers } from './resolvers/admin';

function adminDefinitions() {
  const resolver = new Resolver();
  registerAdminResolvers(resolver);
  return resolver.getDefinitions();
}

export const adminResolver = adminDefinitions();
export const agentResolver = new Resolver().getDefinitions();
export const portalResolver = new Resolver().getDefinitions();
