import { ExecutionPage } from './pages/ExecutionPage';
import { ExpressExecutionPage } from './pages/ExpressExecutionPage';
import { MapRunPage } from './pages/MapRunPage';
import { StateMachinePage } from './pages/StateMachinePage';
import { StateMachinesPage } from './pages/StateMachinesPage';
import { useRoute } from './use-route';

export function App() {
  const route = useRoute();
  return (
    <>
      <header className="top">
        <a href="#/" className="brand">
          tsf console
        </a>
        <nav>
          <a href="#/">State machines</a>
        </nav>
      </header>
      {route.page === 'stateMachines' && <StateMachinesPage />}
      {route.page === 'stateMachine' && <StateMachinePage key={route.arn} arn={route.arn} />}
      {route.page === 'execution' && <ExecutionPage key={route.arn} arn={route.arn} />}
      {route.page === 'expressExecution' && <ExpressExecutionPage key={route.arn} arn={route.arn} />}
      {route.page === 'mapRun' && <MapRunPage key={route.arn} arn={route.arn} />}
      {route.page === 'notFound' && (
        <main>
          <h1>Not found</h1>
          <p>
            No page at <code>{route.path}</code>. <a href="#/">State machines</a>
          </p>
        </main>
      )}
    </>
  );
}
