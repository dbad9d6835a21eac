import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

type Page = LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;

export interface RouteDefinition {
  readonly pattern: string;
  readonly page: Page;
  /** Reachable without a session. */
  readonly public?: boolean;
}

const page = (load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>): Page => lazy(load);

/** Every page is its own chunk: the editor and React Flow load only when a flow is opened. */
export const ROUTES: readonly RouteDefinition[] = [
  { pattern: '/sign-in', page: page(() => import('../pages/sign-in-page')), public: true },
  { pattern: '/sign-up', page: page(() => import('../pages/sign-up-page')), public: true },
  { pattern: '/bench', page: page(() => import('../bench/bench-page')), public: true },
  { pattern: '/', page: page(() => import('../pages/flow-list-page')) },
  { pattern: '/flows', page: page(() => import('../pages/flow-list-page')) },
  { pattern: '/flows/:id', page: page(() => import('../pages/editor-page')) },
  { pattern: '/executions', page: page(() => import('../pages/executions-page')) },
  { pattern: '/executions/:id', page: page(() => import('../pages/execution-detail-page')) },
  { pattern: '/dashboard', page: page(() => import('../dashboard/dashboard-page')) },
  { pattern: '/members', page: page(() => import('../pages/members-page')) },
  { pattern: '/invitations/accept', page: page(() => import('../pages/accept-invitation-page')) },
  { pattern: '/api-keys', page: page(() => import('../pages/api-keys-page')) },
  { pattern: '/ai-providers', page: page(() => import('../pages/ai-providers-page')) },
  { pattern: '/credentials', page: page(() => import('../pages/credentials-page')) },
];
