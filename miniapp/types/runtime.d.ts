/**
 * What the weapp's JavaScript runtime and the browser both provide, for src/ (which compiles
 * without the DOM and Node libraries). `process.env` is not a runtime object: Taro's build
 * replaces each `process.env.X` with its value.
 */
declare const process: { readonly env: NodeJS.ProcessEnv };
declare function setTimeout(handler: () => void, ms?: number): number;
declare function clearTimeout(id: number | undefined): void;
