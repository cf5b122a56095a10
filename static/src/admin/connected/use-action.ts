// One resolver action of a form or button: busy while it runs (the button is disabled, so a double click
// sends one call), and the message of its refusal to show under it.
import { useState } from 'react';
import { messageOf } from '../../shared/invoke';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  /** Runs `work`; answers its result, or undefined when it threw (the message is in `error`). */
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      return await work();
    } catch (e) {
      setError(messageOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
