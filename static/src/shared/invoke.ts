// The one way the pages call their resolvers. @forge/bridge's invoke answers with what the resolver
// returned; the app's resolvers answer a failure as `{error: {code, message}}` (src/handlers/resolvers/
// envelope.ts), which this turns into a thrown ResolverError carrying the message a person can act on.
// A rejected bridge call (the function threw, the network failed) becomes one too, with a generic message.
import { invoke as bridgeInvoke } from '@forge/bridge';

export class ResolverError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ResolverError';
  }
}

interface Envelope {
  error: { code: string; message: string };
}

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export type Payload = Record<string, string | number | boolean | null | undefined | object>;

/** Answers started by `prime`, each handed to the next payload-less call of the same resolver. */
const primed = new Map<string, Promise<unknown>>();

/**
 * Calls resolver `name` (no payload) now, and lets the next `call(name)` without a payload take this answer
 * instead of asking again: a page that must know an answer before it renders (is this person allowed
 * here?) reuses the first screen's own call, so the screen still costs one round trip.
 */
export function prime<T>(name: string): Promise<T> {
  const answer = call<T>(name);
  primed.set(name, answer);
  return answer;
}

/** Calls resolver `name` and returns its result, or throws a ResolverError with a user-facing message. */
export async function call<T>(name: string, payload: Payload = {}): Promise<T> {
  const reused = Object.keys(payload).length === 0 ? primed.get(name) : undefined;
  if (reused) {
    primed.delete(name);
    return reused as Promise<T>;
  }
  let result: unknown;
  try {
    result = await bridgeInvoke(name, payload);
  } catch (e) {
    const detail = e instanceof Error && e.message ? ` (${e.message})` : '';
    throw new ResolverError('UNAVAILABLE', `AI Clearance could not be reached. Reload the page to try again${detail}.`);
  }
  if (isEnvelope(result)) throw new ResolverError(result.error.code, result.error.message);
  return result as T;
}

/** The message to show a person for anything a call threw. */
export function messageOf(e: unknown): string {
  if (e instanceof ResolverError) return e.message;
  return 'Something went wrong in AI Clearance. Reload the page to try again.';
}
