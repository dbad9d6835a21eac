import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

type Page = LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;

export interface RouteDefinition {
  readonly pattern: string;
  readonly page: Page;
  /** The page's name in the browser's tab and history (a page may name its subject more precisely). */
  readonly title: string;
  /** Reachable without a session. */
  readonly public?: boolean;
}

const page = (load: () => Promise<{ default: ComponentType<{ params: Record<string, string> }> }>): Page => lazy(load);

/** Every page is its own chunk: the editor and React Flow load only when a flow is opened. */
export const ROUTES: readonly RouteDefinition[] = [
  { pattern: '/sign-in', title: 'Sign in', page: page(() => import('../pages/sign-in-page')), public: true },
  { pattern: '/sign-up', title: 'Sign up', page: page(() => import('../pages/sign-up-page')), public: true },
  { pattern: '/bench', title: 'Canvas bench', page: page(() => import('../bench/bench-page')), public: true },
  { pattern: '/', title: 'Flows', page: page(() => import('../pages/flow-list-page')) },
  { pattern: '/flows', title: 'Flows', page: page(() => import('../pages/flow-list-page')) },
  { pattern: '/flows/:id', title: 'Flow editor', page: page(() => import('../pages/editor-page')) },
  { pattern: '/executions', title: 'Executions', page: page(() => import('../pages/executions-page')) },
  { pattern: '/executions/:id', title: 'Execution', page: page(() => import('../pages/execution-detail-page')) },
  { pattern: '/dashboard', title: 'Dashboard', page: page(() => import('../dashboard/dashboard-page')) },
  { pattern: '/members', title: 'Members', page: page(() => import('../pages/members-page')) },
  { pattern: '/invitations/accept', title: 'Accept invitation', page: page(() => import('../pages/accept-invitation-page')) },
  { pattern: '/api-keys', title: 'API keys', page: page(() => import('../pages/api-keys-page')) },
  { pattern: '/ai-providers', title: 'AI providers', page: page(() => import('../pages/ai-providers-page')) },
  { pattern: '/credentials', title: 'Credentials', page: page(() => import('../pages/credentials-page')) },
];
