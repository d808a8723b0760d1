// Placeholder: the queue navigation (queues feature).
import { NavLink } from 'react-router';

export function AgentNav() {
  return (
    <nav aria-label="Queues">
      <ul>
        <li><NavLink to="/agent/queues/work">Work</NavLink></li>
      </ul>
    </nav>
  );
}
