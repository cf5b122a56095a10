// Suggest a match: the IdP users whose email is the account's email as Jira shows it to the app. A
// suggestion maps nobody; the admin confirms one (identity.set with confirmedSuggestion, recorded as
// such in the governance log) or maps the user by hand.
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import { flag } from '../../shared/flags';
import { call } from '../../shared/invoke';
import { Refusal } from './confirm';
import { PROVIDER_NAMES, type Provider, type Suggestion } from './types';
import { useAction } from './use-action';

export function SuggestMatch(props: { accountId: string; provider: Provider; onMapped: () => void }) {
  const name = PROVIDER_NAMES[props.provider];
  const [answer, setAnswer] = useState<Suggestion | undefined>();
  const { busy, error, run } = useAction();
  const suggest = () =>
    run(async () =>
      setAnswer(await call<Suggestion>('identity.suggest', { accountId: props.accountId, provider: props.provider })),
    );
  const confirm = (user: Suggestion['suggestions'][number]) =>
    run(async () => {
      await call('identity.set', {
        accountId: props.accountId,
        provider: props.provider,
        idpUserId: user.id,
        ...(user.login ? { idpLogin: user.login } : {}),
        confirmedSuggestion: true,
      });
      flag('success', `Mapped to ${name} user ${user.login ?? user.id}`);
      setAnswer(undefined);
      props.onMapped();
    });
  return (
    <div className="aic-stack">
      <Button isDisabled={busy} onClick={() => void suggest()}>
        {`Suggest the ${name} user of ${props.accountId}`}
      </Button>
      <Refusal title="No suggestion" message={error} />
      {answer ? (
        <div className="aic-stack" role="status">
          {answer.suggestions.length ? (
            <ul className="aic-results">
              {answer.suggestions.map((u) => (
                <li key={u.id} className="aic-row">
                  <span>{`${u.login ?? u.email ?? u.id} (${name} user ${u.id})${answer.email ? `, same email as the account: ${answer.email}` : ''}`}</span>
                  <Button appearance="primary" isDisabled={busy} onClick={() => void confirm(u)}>
                    {`Confirm: map to ${u.login ?? u.id}`}
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <p>{`No ${name} user has ${answer.email ? `the email ${answer.email}` : 'a matching email'}.`}</p>
          )}
          <p className="aic-muted">{answer.note}</p>
        </div>
      ) : null}
    </div>
  );
}
