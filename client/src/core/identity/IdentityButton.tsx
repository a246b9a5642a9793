import { createPortal } from 'react-dom';
import { usePopover } from '../ui/usePopover';
import { saveIdentity, type Identity } from './identity';
import { IdentityDialog } from './IdentityDialog';
import { Avatar } from '../ui/Avatar';
import './identity.css';

/** This person's name in the top bar; opens the identity dialog to change name, department or colour. */
export function IdentityButton({ identity }: { identity: Identity }) {
  const { open, show, close, trigger } = usePopover();
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="identity-button"
        onClick={show}
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
