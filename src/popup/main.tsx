import { render } from 'preact';
import { runtimeConnector } from '../shared/runtime-connector';
import { ConnectorContext } from '../ui/connector';
import '../ui/theme.css';
import './popup.css';
import { PopupApp } from './app';

render(
  <ConnectorContext.Provider value={runtimeConnector()}>
    <PopupApp />
  </ConnectorContext.Provider>,
  document.getElementById('app')!,
);
