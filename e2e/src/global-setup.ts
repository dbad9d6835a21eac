import type { TestProject } from 'vitest/node';
import { startPlatform } from './platform';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The version of the `node` first on PATH when `npm start` started the platform; null when the run did not start it. */
    firstNodeOnPath: string | null;
  }
}

/** One platform for the whole run (it takes ~40 s to start on two cores); each test signs up its own user. */
export default async function setup(project: TestProject) {
  const existing = process.env.OMNITRON_URL;
  if (existing) {
    project.provide('baseUrl', existing);
    project.provide('firstNodeOnPath', null);
    return;
  }
  const platform = await startPlatform();
  project.provide('baseUrl', platform.url);
  project.provide('firstNodeOnPath', platform.firstNodeOnPath?.version ?? process.version);
  return () => platform.stop();
}
