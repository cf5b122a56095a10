// The queue job that carries a sweep past one invocation's time limit. The
// checkpoint is the run's own clock (runAt) and the phase it stopped in: the
// continuation handles what was due THEN (a long run never chases items that
// became due while it ran). Done items already left the due range (their
// dueAt moved past runAt), so no cursor is needed and none can go stale.
import * as z from 'zod/mini';
import { SWEEP_NAMES } from './plan';

export const SWEEP_PHASES = ['outbox', 'grants', 'requests', 'catalog', 'reconcile', 'exports'] as const;
export type SweepPhase = (typeof SWEEP_PHASES)[number];

export const sweepCheckpointSchema = z.strictObject({
  /** Epoch seconds of the run that started the chain. */
  runAt: z.int().check(z.gte(0)),
  phase: z.enum(SWEEP_PHASES),
  /** Invocations this chain has used; a runaway chain stops at the limit. */
  hop: z.int().check(z.gte(1), z.lte(1000)),
});
export type SweepCheckpoint = z.infer<typeof sweepCheckpointSchema>;

export const sweepContinueJobSchema = z.strictObject({
  type: z.literal('sweep.continue'),
  sweep: z.union([z.literal('all'), z.enum(SWEEP_NAMES)]),
  checkpoint: sweepCheckpointSchema,
});
export type SweepContinueJob = z.infer<typeof sweepContinueJobSchema>;
