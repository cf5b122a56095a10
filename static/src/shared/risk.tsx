// The risk level as a lozenge, the same colours on every page.
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';

const APPEARANCE: Record<string, ThemeAppearance> = {
  low: 'success',
  medium: 'moved',
  high: 'removed',
  prohibited: 'removed',
};

export function RiskLozenge({ risk }: { risk: string | undefined }) {
  if (!risk) return null;
  return <Lozenge appearance={APPEARANCE[risk] ?? 'default'}>{`${risk} risk`}</Lozenge>;
}
