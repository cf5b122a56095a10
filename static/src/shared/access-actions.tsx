// The requester's actions on their access — extend, hand back, cancel a pending request, do not renew —
// each confirmed in a modal and carried out by the resolvers (portal.extend, portal.act), which record the
// governance event and comment on the ticket. Shared by the portal request detail and My AI access.
import Button from '@atlaskit/button/new';
import { ErrorMessage as FieldError, Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { RequesterAction } from './access';
import { flag } from './flags';
import { call, messageOf } from './invoke';

const LABEL: Record<RequesterAction, string> = {
  extend: 'Extend',
  hand_back: 'Hand back',
  cancel: 'Cancel request',
  do_not_renew: 'Do not renew',
};

const CONFIRM: Record<RequesterAction, { title: string; body: string; done: string }> = {
  extend: {
    title: 'Ask for more time',
    body: 'This files an extension request; an approver (or the policy) decides it.',
    done: 'Extension requested',
  },
  hand_back: {
    title: 'Hand back this access?',
    body: 'Your access ends now. You can request it again later.',
    done: 'Access handed back',
  },
  cancel: {
    title: 'Cancel this request?',
    body: 'The request is withdrawn and no approver will decide it.',
    done: 'Request cancelled',
  },
  do_not_renew: {
    title: 'Stop renewing this access?',
    body: 'Your access stays until it expires; you will get no more review reminders for it.',
    done: 'You will not be asked to renew',
  },
};

export function AccessActions({
  issueKey,
  toolName,
  actions,
  onDone,
}: {
  issueKey: string;
  toolName: string;
  actions: RequesterAction[];
  onDone: () => void;
}) {
  const [open, setOpen] = useState<RequesterAction | null>(null);
  const [days, setDays] = useState('30');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setOpen(null);
    setError(null);
  };
  const confirm = async (action: RequesterAction) => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'extend') {
        const created = await call<{ issueKey: string }>('portal.extend', {
          request: issueKey,
          days: Number(days),
          purpose: reason.trim(),
        });
        flag('success', CONFIRM.extend.done, `Your extension request is ${created.issueKey}.`);
      } else {
        await call('portal.act', { request: issueKey, action });
        flag('success', CONFIRM[action].done, `${toolName} (${issueKey})`);
      }
      close();
      onDone();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (actions.length === 0) return null;
  const text = open ? CONFIRM[open] : undefined;
  return (
    <>
      <div className="aic-row">
        {actions.map((a) => (
          <Button key={a} appearance={a === 'extend' ? 'primary' : 'default'} onClick={() => setOpen(a)}>
            {LABEL[a]}
          </Button>
        ))}
      </div>
      {/* A dialog needs room inside an iframe the product sizes to its content. */}
      {open ? <div className="aic-modal-room" /> : null}
      <ModalTransition>
        {open && text ? (
          <Modal onClose={close} width="small">
            <ModalHeader>
              <ModalTitle>{text.title}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <p>
                {toolName} · {issueKey}
              </p>
              <p>{text.body}</p>
              {open === 'extend' ? (
                <>
                  <Label htmlFor="aic-extend-days">Extend by (days)</Label>
                  <Textfield
                    id="aic-extend-days"
                    type="number"
                    min={1}
                    value={days}
                    onChange={(e) => setDays(e.currentTarget.value)}
                  />
                  <Label htmlFor="aic-extend-reason">Why do you still need it?</Label>
                  <Textarea id="aic-extend-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
                </>
              ) : null}
              {error ? <FieldError>{error}</FieldError> : null}
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={close}>
                Keep as is
              </Button>
              <Button appearance="primary" isDisabled={busy} onClick={() => void confirm(open)}>
                {LABEL[open]}
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </>
  );
}
