// The one line a requester reads about what a tool does with company data, from the catalog's assessment.
import type { DataHandling } from './types';

const TRAINING: Record<DataHandling['trainsOnCustomerData'], string> = {
  no: 'Does not train on your data',
  yes: 'Trains on your data',
  'opt-out': 'Trains on your data unless turned off',
  unknown: 'Training on your data: not confirmed',
};

/** E.g. "Does not train on your data · Retention: … · Data residency: US, EU". */
export function dataHandlingSummary(
  d: Pick<DataHandling, 'trainsOnCustomerData' | 'retention' | 'dataResidency'>,
): string {
  const residency = d.dataResidency.length > 0 ? d.dataResidency.join(', ') : 'not offered';
  const retention = d.retention.trim().replace(/\.$/, '');
  return [
    TRAINING[d.trainsOnCustomerData],
    `Retention: ${retention || 'not stated'}`,
    `Data residency: ${residency}`,
  ].join(' · ');
}
