import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { graphqlClient } from './graphql-client';
import { StatusPage } from './status-page';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={graphqlClient}>
      <h1>Omnitron</h1>
      <StatusPage />
    </Provider>
  </StrictMode>,
);
