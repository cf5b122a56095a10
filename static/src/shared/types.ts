// What the portal resolvers answer (src/handlers/resolvers/portal.ts), as the pages read it.
export type RequestKind = 'access' | 'extension' | 'hand_back';

export interface RequestableTool {
  id: string;
  name: string;
  risk?: string;
  vendor?: string;
  /** One line on data handling: training on customer data, retention, residency. */
  dataHandling?: string;
  guidance?: string;
  defaultDays?: number;
  maxDays?: number;
  /** Requests up to this many days are approved automatically (0: never). */
  autoApproval?: number;
}

export interface Problem {
  field: string;
  code?: string;
  message: string;
}
