// Removes the fresh data dir the server used.
import { rmSync } from 'node:fs';

export default function globalTeardown() {
  const dir = process.env.DADLY_E2E_DATA;
  if (dir && dir.includes('dadly-e2e-')) rmSync(dir, { recursive: true, force: true });
}
