/**
 * Text to the clipboard from a click: the async Clipboard API first; where a page may not use it (a
 * DevTools panel's frame can be refused clipboard-write), a hidden textarea and execCommand('copy'),
 * which still works inside the click. Resolves false when neither did; never logs the text.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return legacyCopy(text);
  }
}

function legacyCopy(text: string): boolean {
  try {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  } catch {
    return false;
  }
}
