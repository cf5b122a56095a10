// Intake rules: is this ticket a valid request, and if so, what happens to it?
// Pure: the use case reads the catalog entry, the policy and the lock, and
// passes them in.
import { validateRequestedDuration, isAutoApprovable } from '../policy/durations';
import type { EffectivePolicy } from '../policy/effective-policy';
import { err, ok, type Result } from '../policy/result';
import { refusal, type Refusal } from './refusal';
import { checkTool, type ToolView } from './requested-tool';
import type { RequestKind, RequestSource } from './types';

/** The tool check is one of the intake rules (requested-tool.ts, which decisions use without the rest of them). */
export { checkTool, type ToolView };

export const PURPOSE_MIN_CHARS = 20;
export const PURPOSE_MAX_CHARS = 2000;
const PURPOSE_MIN_WORDS = 3;

/** What the ticket said, before validation. Values are as typed by the requester. */
export interface RawRequest {
  readonly kind: RequestKind;
  readonly source: RequestSource;
  /** Tool id or name as the form/property/field carried it; null when absent. */
  readonly toolRef: string | null;
  readonly purpose: string | null;
  readonly days: unknown;
}

/** The requester as the event payload described them. */
export interface RequesterView {
  readonly accountId: string;
  readonly accountType?: string | undefined;
  readonly active?: boolean | undefined;
}

export interface ValidRequest {
  readonly kind: RequestKind;
  readonly tool: ToolView;
  readonly policy: EffectivePolicy;
  readonly purpose: string;
  readonly days: number;
}

/** Every person who files a JSM request is a real account: Atlassian users and portal-only customers. Apps are not. */
export function checkRequester(requester: RequesterView | null | undefined): Result<string, Refusal> {
  if (!requester || !requester.accountId)
    return err(
      refusal(
        'REQUESTER_NOT_REAL',
        'The request has no reporter, so there is nobody to grant access to. File it from the portal as yourself.',
      ),
    );
  if (requester.active === false)
    return err(
      refusal(
        'REQUESTER_NOT_REAL',
        'The reporter account is deactivated; access can only be granted to an active user.',
      ),
    );
  if (
    requester.accountType !== undefined &&
    requester.accountType !== 'atlassian' &&
    requester.accountType !== 'customer'
  ) {
    return err(
      refusal(
        'REQUESTER_NOT_REAL',
        `The reporter is not a person (account type ${requester.accountType}); AI tool access is granted to people only.`,
      ),
    );
  }
  return ok(requester.accountId);
}

/** A purpose an approver can judge: present, long enough to say something, not a wall of text. */
export function checkPurpose(purpose: string | null): Result<string, Refusal> {
  const text = (purpose ?? '').replace(/\s+/g, ' ').trim();
  if (text === '')
    return err(
      refusal('PURPOSE_MISSING', 'Say what you will use the tool for (the business purpose); approvers decide on it.'),
    );
  if (text.length < PURPOSE_MIN_CHARS) {
    return err(
      refusal(
        'PURPOSE_TOO_SHORT',
        `The business purpose is too short (${text.length} characters); describe the work in at least ${PURPOSE_MIN_CHARS} characters.`,
        { min: PURPOSE_MIN_CHARS },
      ),
    );
  }
  if (text.length > PURPOSE_MAX_CHARS) {
    return err(
      refusal(
        'PURPOSE_TOO_LONG',
        `The business purpose is ${text.length} characters; keep it under ${PURPOSE_MAX_CHARS} and attach details to the ticket instead.`,
        { max: PURPOSE_MAX_CHARS },
      ),
    );
  }
  const words = text.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w));
  const distinctLetters = new Set(text.toLowerCase().replace(/[^\p{L}]/gu, '')).size;
  if (words.length < PURPOSE_MIN_WORDS || distinctLetters < 5) {
    return err(
      refusal(
        'PURPOSE_NOT_MEANINGFUL',
        'The business purpose does not describe any work; write a sentence about what you will use the tool for.',
      ),
    );
  }
  return ok(text);
}

/** Days as a whole number within the tool's policy. Strings from forms are accepted when they are plain integers. */
export function checkDays(days: unknown, policy: EffectivePolicy): Result<number, Refusal> {
  if (days === null || days === undefined || days === '') {
    return err(
      refusal('DURATION_MISSING', `Say for how many days you need access (whole days, at most ${policy.maxDays}).`, {
        max: policy.maxDays,
      }),
    );
  }
  const n = typeof days === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(days) ? Number(days) : days;
  if (typeof n !== 'number' || !Number.isFinite(n))
    return err(refusal('DURATION_NOT_WHOLE', 'The duration must be a number of days, such as 30.'));
  const checked = validateRequestedDuration(n, policy);
  if (checked.ok) return ok(checked.value);
  const code =
    checked.error.code === 'TOOL_NOT_REQUESTABLE'
      ? 'TOOL_NOT_REQUESTABLE'
      : checked.error.code === 'DURATION_LONGER_THAN_REQUESTED'
        ? 'DURATION_TOO_LONG'
        : checked.error.code;
  return err(
    refusal(
      code,
      checked.error.message,
      checked.error.limit !== undefined ? { limit: checked.error.limit } : undefined,
    ),
  );
}

/**
 * Validates a raw request in the order a requester would fix it: who, what,
 * why, how long. The first problem wins (one clear instruction per comment).
 */
export function validateRequest(
  raw: RawRequest,
  requester: RequesterView | null | undefined,
  tool: ToolView | undefined,
  policy: EffectivePolicy | undefined,
): Result<ValidRequest, Refusal> {
  if (raw.source === 'email') {
    return err(
      refusal(
        'REQUEST_DETAILS_MISSING',
        'This ticket was not filed with the AI access form, so it does not say which tool, why and for how long.',
      ),
    );
  }
  const who = checkRequester(requester);
  if (!who.ok) return who;
  // Handing access back must work even after the tool left the catalog: only "is it a tool we know" matters.
  if (raw.kind === 'hand_back') {
    if (!raw.toolRef || raw.toolRef.trim() === '')
      return err(refusal('TOOL_MISSING', 'Say which AI tool you are handing back.'));
    if (!tool || !policy)
      return err(
        refusal('TOOL_UNKNOWN', 'The AI tool named in the request is not in the catalog.', {
          tool: raw.toolRef.slice(0, 120),
        }),
      );
    return ok({ kind: raw.kind, tool, policy, purpose: (raw.purpose ?? '').trim(), days: 0 });
  }
  const what = checkTool(raw.toolRef, tool, policy);
  if (!what.ok) return what;
  const why = checkPurpose(raw.purpose);
  if (!why.ok) return why;
  const howLong = checkDays(raw.days, what.value.policy);
  if (!howLong.ok) return howLong;
  return ok({
    kind: raw.kind,
    tool: what.value.tool,
    policy: what.value.policy,
    purpose: why.value,
    days: howLong.value,
  });
}

/** Low-risk requests within the auto-approval limit need no person (policy decides; extensions never auto-approve past the total). */
export function shouldAutoApprove(valid: ValidRequest): boolean {
  return valid.kind === 'access' && isAutoApprovable(valid.days, valid.policy);
}
