/** See bundle.mjs: bundles `entry` (relative to `cwd`) to `<cwd>/dist/<entry>.<hash>.js` and returns that path. */
export declare function bundleEntry(cwd: string, entry: string): Promise<string>;
