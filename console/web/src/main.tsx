import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/base.css';
import './styles/tables.css';
import './styles/overlays.css';
import './styles/graph.css';
import './styles/counts.css';
import './styles/plan.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
