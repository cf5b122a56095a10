import Resolver from '@forge/resolver';

export const adminResolver = new Resolver().getDefinitions();
export const agentResolver = new Resolver().getDefinitions();
export const portalResolver = new Resolver().getDefinitions();
