/** The route of the browser's hash, followed as it changes (router.ts parses it). */
import { useEffect, useState } from 'react';
import { parseHash, type Route } from './router';

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
