import { ProjectorPage } from './ProjectorPage';
import { parseProjectorFragment } from './projectorLink';

/** `/b/<id>/projector#view=…&join=…`: the projector page, or why the link cannot open it. */
export function ProjectorRoute({ boardId, fragment }: { boardId: string; fragment: string }) {
  const link = parseProjectorFragment(fragment);
  if (!link) {
    return (
      <div className="center-message error">
        This projector link has no view token. Open the projector from the board’s Share panel.
      </div>
    );
  }
  return <ProjectorPage boardId={boardId} link={link} />;
}
