// Binds a catalog tool to one IdP group, after checking the group exists
// and the app may change its members (domain/connectors/bindable.ts); or
// unbinds it. The catalog entry's `connector` is the binding new grants
// take (catalog.edited event); the binding record keeps the group's name and
// kind for comments and the console (connector.configured event).
import { bindability } from '../../domain/connectors/bindable';
import { connectorEvent } from '../../domain/connectors/events';
import { PROVIDER_NAMES, type ConnectorProvider } from '../../domain/connectors/provider';
import { isDirectoryError, type DirectoryGroupFacts } from '../../ports/group-directory';
import { setToolConnector } from '../catalog/lifecycle';
import { UseCaseRefusal } from '../shared/errors';
import { allWithStatus, bindingDocSchema, bindingPut, loadBinding, type BindingDoc } from './records';
import type { AdminActor, ConnectorAdminDeps } from './deps';

export async function bindTool(
  deps: ConnectorAdminDeps,
  input: { toolId: string; provider: ConnectorProvider; groupId: string },
  actor: AdminActor,
): Promise<{ binding: BindingDoc }> {
  const directory = await deps.directories.get(input.provider);
  if (!directory)
    throw new UseCaseRefusal(
      'NOT_CONNECTED',
      `Connect ${PROVIDER_NAMES[input.provider]} before binding a tool to its groups.`,
    );
  let group: DirectoryGroupFacts;
  try {
    group = await directory.getGroup(input.groupId);
  } catch (e) {
    if (isDirectoryError(e) && e.kind === 'not_found')
      throw new UseCaseRefusal(
        'GROUP_NOT_FOUND',
        `${PROVIDER_NAMES[input.provider]} has no group with id ${input.groupId}.`,
      );
    if (isDirectoryError(e)) throw new UseCaseRefusal('CONNECTION_FAILED', `Could not read the group: ${e.message}`);
    throw e;
  }
  const verdict = bindability(group);
  if (!verdict.ok) throw new UseCaseRefusal(verdict.code, verdict.reason);

  const now = deps.clock.now();
  const doc: BindingDoc = {
    v: 1,
    toolId: input.toolId,
    provider: input.provider,
    groupId: group.id,
    groupName: group.name,
    groupKind: verdict.kind,
    boundBy: actor.accountId,
    boundAt: now.toISOString(),
  };
  // The catalog entry's connector, the binding record and both events: one transaction (never bound without a record).
  await setToolConnector(
    await deps.catalog(),
    input.toolId,
    { provider: input.provider, groupId: group.id },
    actor,
    async () => {
      const prior = await loadBinding(deps.store, input.toolId);
      return {
        puts: [bindingPut(doc, prior?.version ?? 'absent')],
        events: [
          connectorEvent('connector.configured', `binding.${input.toolId}`, actor, {
            change: 'bound',
            toolId: input.toolId,
            provider: input.provider,
            groupId: group.id,
            groupKind: verdict.kind,
          }),
        ],
      };
    },
  );
  return { binding: doc };
}

export async function unbindTool(
  deps: ConnectorAdminDeps,
  toolId: string,
  actor: AdminActor,
): Promise<{ toolId: string; bound: false }> {
  await setToolConnector(await deps.catalog(), toolId, null, actor, async () => {
    const prior = await loadBinding(deps.store, toolId);
    if (!prior) return {};
    return {
      deletes: [{ kind: 'connector', id: `binding:${toolId}`, expected: prior.version }],
      events: [connectorEvent('connector.configured', `binding.${toolId}`, actor, { change: 'unbound', toolId })],
    };
  });
  return { toolId, bound: false };
}

export async function listBindings(deps: Pick<ConnectorAdminDeps, 'store'>): Promise<BindingDoc[]> {
  return allWithStatus(deps.store, 'connector', 'binding', bindingDocSchema);
}
