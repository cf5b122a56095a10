// The identity providers connected mode supports (the catalog's vocabulary).
import type { ConnectorProvider } from '../catalog/vocabulary';

export { CONNECTOR_PROVIDERS, type ConnectorProvider } from '../catalog/vocabulary';

export const PROVIDER_NAMES: Readonly<Record<ConnectorProvider, string>> = {
  okta: 'Okta',
  entra: 'Microsoft Entra ID',
};
