// The explicit identity mapping: an Atlassian account ↔ one IdP user, per
// provider, kept by an admin (one by one or by CSV). Never inferred from an
// email: a lookup by email only SUGGESTS a user, which the admin confirms.
import * as z from 'zod/mini';
import { CONNECTOR_PROVIDERS, type ConnectorProvider } from './provider';

export const accountIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be an Atlassian account id (letters, digits, . _ : -)'));

/** Okta user ids are opaque alphanumerics (00u…); Entra object ids are GUIDs. */
export const IDP_USER_ID_PATTERNS: Readonly<Record<ConnectorProvider, RegExp>> = {
  okta: /^[A-Za-z0-9]{5,64}$/,
  entra: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
};

export const IDP_USER_ID_HINTS: Readonly<Record<ConnectorProvider, string>> = {
  okta: 'an Okta user id such as 00u1abcdEFGHijkl5d7',
  entra: 'an Entra user object id (a GUID such as 6e4bc1f4-1b2a-4a55-9e31-2f3c1d0e9a77)',
};

export const identityMappingInputSchema = z
  .strictObject({
    accountId: accountIdSchema,
    provider: z.enum(CONNECTOR_PROVIDERS),
    idpUserId: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(64)),
    idpLogin: z.optional(z.string().check(z.trim(), z.maxLength(256))),
  })
  .check(
    z.refine((r) => IDP_USER_ID_PATTERNS[r.provider].test(r.idpUserId), {
      message: 'idpUserId does not look like an id of this provider',
      path: ['idpUserId'],
    }),
  );
export type IdentityMappingInput = z.output<typeof identityMappingInputSchema>;

export interface IdentityMappingDoc {
  v: 1;
  accountId: string;
  provider: ConnectorProvider;
  idpUserId: string;
  idpLogin?: string | undefined;
  source: 'admin' | 'csv' | 'suggestion';
  mappedBy: string;
  mappedAt: string;
}

export const identityMappingDocSchema = z.object({
  v: z.literal(1),
  accountId: z.string(),
  provider: z.enum(CONNECTOR_PROVIDERS),
  idpUserId: z.string(),
  idpLogin: z.optional(z.string()),
  source: z.enum(['admin', 'csv', 'suggestion']),
  mappedBy: z.string(),
  mappedAt: z.string(),
});

export function identityId(provider: ConnectorProvider, accountId: string): string {
  return `${provider}:${accountId}`;
}

/** CSV header names, as an admin writes them. */
export const CSV_COLUMNS = ['atlassian_account_id', 'provider', 'idp_user_id', 'idp_login'] as const;

export interface RowError {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  message: string;
}

/**
 * Validates parsed CSV rows (objects keyed by header). Every row is checked; each bad row gets one error
 * that names its line and the column to fix. Duplicate (provider, account) rows are errors too.
 */
export function validateMappingRows(
  rows: ReadonlyArray<{ line: number; record: Record<string, string | undefined> }>,
): { valid: Array<IdentityMappingInput & { line: number }>; errors: RowError[] } {
  const valid: Array<IdentityMappingInput & { line: number }> = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { line, record } of rows) {
    const candidate = {
      accountId: (record.atlassian_account_id ?? '').trim(),
      provider: (record.provider ?? '').trim().toLowerCase(),
      idpUserId: (record.idp_user_id ?? '').trim(),
      ...(record.idp_login?.trim() ? { idpLogin: record.idp_login.trim() } : {}),
    };
    const parsed = identityMappingInputSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? '');
      const column =
        { accountId: 'atlassian_account_id', provider: 'provider', idpUserId: 'idp_user_id', idpLogin: 'idp_login' }[
          field
        ] ?? field;
      const hint =
        field === 'idpUserId' && (candidate.provider === 'okta' || candidate.provider === 'entra')
          ? `: expected ${IDP_USER_ID_HINTS[candidate.provider]}`
          : field === 'provider'
            ? ': expected okta or entra'
            : `: ${issue?.message ?? 'invalid'}`;
      errors.push({ line, message: `line ${line}, column ${column}${hint}` });
      continue;
    }
    const key = identityId(parsed.data.provider, parsed.data.accountId);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        line,
        message: `line ${line}: ${parsed.data.provider} account ${parsed.data.accountId} is already mapped on line ${first}`,
      });
      continue;
    }
    seen.set(key, line);
    valid.push({ ...parsed.data, line });
  }
  return { valid, errors };
}
