// Public surface of the catalog use cases (admin resolvers, CLI via resolvers, sandbox start).
export { CatalogUseCaseError, type CatalogDeps } from './deps';
export {
  approveTool,
  reapproveTool,
  suspendTool,
  retireTool,
  editTool,
  approveAllLowRiskTools,
  seedCatalog,
  applySandboxDemoSet,
  type CatalogActionResult,
} from './lifecycle';
export { listCatalog, getPolicy } from './reads';
export { importCatalog, exportCatalog, acceptToolProposal, type ImportResult } from './import-export';
export { updatePolicySet } from './policy';
export { syncAiToolOptions, planOptionSync, type OptionSyncResult } from './option-sync';
export { applyLeavingConsequences, type ConsequenceReport } from './consequences';
