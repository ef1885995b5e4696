import { render } from 'preact';
import { runtimeConnector } from '../shared/runtime-connector';
import { ConnectorContext } from '../ui/connector';
import '../ui/theme.css';
import './panel.css';
import { PanelApp } from './app';

render(
  <ConnectorContext.Provider value={runtimeConnector()}>
    <PanelApp />
  </ConnectorContext.Provider>,
  document.getElementById('app')!,
);
