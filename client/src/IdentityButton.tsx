import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { saveIdentity, type Identity } from './identity';
import { IdentityDialog } from './IdentityDialog';
import { Avatar } from './presence/Avatar';
import './identity.css';

/** This person's name in the top bar; opens the identity dialog to change name, department or colour. */
export function IdentityButton({ identity }: { identity: Identity }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="identity-button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        title="Notes you add carry this name. Click to change it."
      >
        <Avatar name={identity.name} color={identity.color} size={24} />
        <span className="identity-name">{identity.name}</span>
        <span className="visually-hidden">: change your name, department or colour</span>
      </button>
      {open &&
        createPortal(
          <IdentityDialog
            current={identity}
            onCancel={close}
            onDone={(next) => {
              saveIdentity(next);
              close();
            }}
          />,
          document.body,
        )}
    </>
  );
}
