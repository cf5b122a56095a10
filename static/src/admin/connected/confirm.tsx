// A button whose action happens only after a dialog says what it does and the admin confirms it. The
// action's refusal (the resolver's message) stays in the dialog, so the admin can read it and decide.
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { useState, type ReactNode } from 'react';
import { useAction } from './use-action';

export function ConfirmButton(props: {
  /** The button's text; also the dialog's confirm button. */
  label: string;
  title: string;
  /** What confirming does, in words. */
  children: ReactNode;
  appearance?: 'default' | 'danger' | 'warning' | 'primary';
  isDisabled?: boolean;
  onConfirm: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setOpen(false);
    setError(undefined);
  };
  const confirm = () =>
    run(async () => {
      await props.onConfirm();
      setOpen(false);
    });
  return (
    <>
      <Button
        // The trigger stays quiet: the dialog's confirm button carries the warning colour.
        appearance={props.appearance === 'primary' ? 'primary' : 'default'}
        isDisabled={props.isDisabled ?? false}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </Button>
      {/* A dialog needs room inside an iframe the product sizes to its content. */}
      {open ? <div className="aic-modal-room" /> : null}
      <ModalTransition>
        {open ? (
          <Modal onClose={close} width="small">
            <ModalHeader>
              <ModalTitle>{props.title}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <div className="aic-stack">
                {props.children}
                {error ? (
                  <SectionMessage appearance="error" title="Not done">
                    <p>{error}</p>
                  </SectionMessage>
                ) : null}
              </div>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={close}>
                Keep as is
              </Button>
              <Button
                appearance={
                  props.appearance === 'danger' || props.appearance === 'warning' ? props.appearance : 'primary'
                }
                isDisabled={busy}
                onClick={() => void confirm()}
              >
                {props.label}
              </Button>
            </ModalFooter>
          </Modal>
        ) : null}
      </ModalTransition>
    </>
  );
}

/** A resolver's refusal under a form, or nothing. */
export function Refusal({ title, message }: { title: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <SectionMessage appearance="error" title={title}>
      <p>{message}</p>
    </SectionMessage>
  );
}
