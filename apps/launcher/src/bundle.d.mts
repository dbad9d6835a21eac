/** See bundle.mjs: bundles `entry` (relative to `cwd`) to `<cwd>/dist/<entry>.<hash>.js` and returns that path. */
export declare function bundleEntry(cwd: string, entry: string): Promise<string>;
/** See bundle.mjs: `bundleEntry` for each job in a short-lived child process; the paths in the order of `jobs`. */
export declare function bundleApart(jobs: ReadonlyArray<{ readonly cwd: string; readonly entry: string }>): Promise<string[]>;
