import { render } from 'preact';
import '../ui/theme.css';
import './welcome.css';
import { Welcome } from './welcome';

// No connector: the page only explains, and its buttons are links to the panel.
render(<Welcome />, document.getElementById('app')!);
