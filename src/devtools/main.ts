/** The DevTools page: adds the "OAuth" panel, which is the same UI as the panel tab. */
import browser from '../shared/browser';

void browser.devtools.panels.create('OAuth', 'icons/icon-32.png', 'panel.html');
