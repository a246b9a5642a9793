/**
 * `npm start`'s first step: builds the client when client/dist is missing or was built from other sources
 * than the ones checked out (a `git pull` since the last build), and leaves it alone otherwise.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { clientSourceHash, readBuiltClient, whyRebuild } from './clientSources';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = path.join(root, 'client', 'dist');

const reason = whyRebuild(readBuiltClient(distDir), clientSourceHash(root));
if (reason === null) {
  console.log('client/dist is up to date with the sources');
} else {
  console.log(`building the client: ${reason}`);
  // vite.config.ts names its folders relative to the repository, as `npx vite build` run there does.
  process.chdir(root);
  await build({ configFile: path.join(root, 'vite.config.ts'), configLoader: 'bundle' });
  // The build writes its stamp; a build that did not (another config) would rebuild on every start.
  const after = whyRebuild(readBuiltClient(distDir), clientSourceHash(root));
  if (after !== null) {
    console.error(`the client was built, but ${after}: is vite.config.ts's sourceStamp plugin still there?`);
    process.exit(1);
  }
}
