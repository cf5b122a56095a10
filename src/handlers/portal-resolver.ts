import { definitionsFrom } from './resolver-definitions';
import { registerPortalResolvers } from './resolvers/portal';

export const portalResolver = definitionsFrom((r) => registerPortalResolvers(r));
