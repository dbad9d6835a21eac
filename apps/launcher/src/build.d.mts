/** See build.mjs: where the build writes `entry` of the app at `cwd` (`<cwd>/dist/<name>.js`). */
export declare function builtPath(cwd: string, entry: string): string;
/** See build.mjs: bundles each entry of the app at `cwd` to `builtPath`; the built files in the order of `entries`. */
export declare function buildEntries(cwd: string, entries: readonly string[]): Promise<string[]>;
/** See build.mjs: why `built` cannot run as the current sources (missing, older than a source), or undefined. */
export declare function staleBuild(built: string): string | undefined;
/** See build.mjs: what to run to build. */
export declare const BUILD_HINT: string;
