import type { z } from 'zod';
import { SUBGRAPHS } from '@omnitron/schema';
import { baseConfigSchema, secretSettingsSchema, tracingSettingsSchema } from '@omnitron/server-kit';
import { gatewaySettings } from '../../../apps/gateway/src/config';
import { launcherSettings } from '../../../apps/launcher/src/config';
import { executionsSettingsSchema } from '../../../apps/subgraphs/executions/src/settings';
import { flowsSettingsSchema } from '../../../apps/subgraphs/flows/src/settings';
import { identitySettingsSchema } from '../../../apps/subgraphs/identity/src/services/identity-services';
import { intelligenceSettingsSchema } from '../../../apps/subgraphs/intelligence/src/settings';

/**
 * The roles a setting can be read by. `worker` is the executions worker (`npm run worker`, and the
 * isolated run it starts for a run that crashed a worker); `launcher` is `npm start` itself, which
 * passes every variable on to the processes it starts.
 */
export const ROLES = ['launcher', 'gateway', 'identity', 'flows', 'executions', 'worker', 'intelligence'] as const;
export type Role = (typeof ROLES)[number];

const SERVICES: readonly Role[] = ['gateway', 'identity', 'flows', 'executions', 'worker', 'intelligence'];

/** A setting read without zod (the launcher's, apps/launcher/src/config.ts): its default is given. */
export interface PlainSetting {
  readonly default: unknown;
  read(raw: string): unknown;
}

/** One zod schema (or table of plain settings) a role parses its environment with, and where its keys' doc comments are. */
export interface SettingSource {
  /** Heading of the section the settings first seen here are listed under. */
  readonly section: string;
  readonly roles: readonly Role[];
  readonly shape: z.ZodRawShape | Readonly<Record<string, PlainSetting>>;
  /** Files (from the repository root) whose doc comments describe the keys, searched in order. */
  readonly files: readonly string[];
}

/**
 * Every schema a process reads settings with, in the order the generated page lists them. A new
 * schema (or a setting read outside one) fails the settings test until it is listed here.
 */
export const SETTING_SOURCES: readonly SettingSource[] = [
  { section: 'Every service', roles: SERVICES, shape: baseConfigSchema.shape, files: ['packages/server-kit/src/config.ts'] },
  { section: 'Secrets', roles: SERVICES, shape: secretSettingsSchema.shape, files: ['packages/server-kit/src/secrets.ts'] },
  { section: 'Tracing (OpenTelemetry)', roles: SERVICES, shape: tracingSettingsSchema.shape, files: ['packages/server-kit/src/tracing/tracing-settings.ts'] },
  { section: 'Gateway', roles: ['gateway'], shape: gatewaySettings, files: ['apps/gateway/src/config.ts'] },
  {
    section: 'Identity',
    roles: ['identity'],
    shape: identitySettingsSchema.shape,
    files: ['apps/subgraphs/identity/src/services/identity-services.ts', 'packages/nodes/src/http/outbound-settings.ts'],
  },
  { section: 'Flows', roles: ['flows'], shape: flowsSettingsSchema.shape, files: ['apps/subgraphs/flows/src/settings.ts'] },
  {
    section: 'Executions and workers',
    roles: ['executions', 'worker'],
    shape: executionsSettingsSchema.shape,
    files: ['apps/subgraphs/executions/src/settings.ts', 'packages/nodes/src/http/outbound-settings.ts'],
  },
  {
    section: 'Intelligence',
    roles: ['intelligence'],
    shape: intelligenceSettingsSchema.shape,
    files: ['apps/subgraphs/intelligence/src/settings.ts', 'packages/nodes/src/http/outbound-settings.ts'],
  },
  { section: 'Launcher (`npm start`)', roles: ['launcher'], shape: launcherSettings, files: ['apps/launcher/src/config.ts'] },
];

/** A setting read outside any schema listed above, described here; `readIn` must name it. */
export interface DescribedSetting {
  readonly name: string;
  readonly section: string;
  readonly roles: readonly Role[];
  readonly defaultText: string;
  readonly meaning: string;
  /** The file that reads it (from the repository root); the settings test checks it does. */
  readonly readIn: string;
}

const ports = SUBGRAPHS.map((s) => `${s.port} ${s.name}`).join(', ');

export const DESCRIBED_SETTINGS: readonly DescribedSetting[] = [
  {
    name: 'PORT',
    section: 'Every service',
    roles: ['gateway', 'identity', 'flows', 'executions', 'intelligence'],
    defaultText: `4000 gateway, ${ports}`,
    meaning: "Port the service listens on (each service's schema gets it with its own default).",
    readIn: 'packages/server-kit/src/main-helpers.ts',
  },
  {
    name: 'APOLLO_TELEMETRY_DISABLED',
    section: 'Gateway',
    roles: ['gateway'],
    defaultText: 'true',
    meaning: "Read by `@apollo/gateway`: `false` lets it send this host's CPU and memory figures to Apollo's servers; the gateway sets `true` unless it is set.",
    readIn: 'apps/gateway/src/server.ts',
  },
];

/** Keys a schema builds from data (no doc comment of their own), with what they mean. */
export const COMPUTED_KEY_MEANINGS: Readonly<Record<string, string>> = Object.fromEntries(
  SUBGRAPHS.map((s) => [
    `${s.name.toUpperCase()}_URL`,
    `Where the gateway reaches the ${s.name} subgraph (its \`/graphql\` URL); \`npm start\` sets it from PORT and HOST.`,
  ]),
);

/**
 * Variables the code reads that are not settings an operator sets, and why. Anything else read
 * from the environment must be documented.
 */
export const NOT_SETTINGS: Readonly<Record<string, string>> = {
  OMNITRON_SUPERVISED: 'set by the launcher on the processes it starts, so they stop when it dies',
};
