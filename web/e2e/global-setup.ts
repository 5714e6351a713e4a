// The e2e tests run the built app: fail early, with the fix, when it is not built.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function globalSetup() {
  const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.html');
  if (!existsSync(dist)) {
    throw new Error(`${dist} is missing: run \`npm run build\` before \`npm run e2e\`.`);
  }
}
