/**
 * How the page script (world MAIN) hands a call to the relay (world ISOLATED): a CustomEvent on the
 * window whose detail is JSON text. Text, not an object: Firefox hides a page object's properties from
 * content scripts (Xray vision) and Chrome does not clone objects across worlds; a string crosses both.
 * The page can see and forge these events; the background checks every report (parseObserved) and
 * only takes them from sites the person opted in.
 */
export const HOOK_EVENT = 'grantscope:observed';

/** Largest detail the relay passes on: the body cap for request and response, plus room for the rest. */
export const MAX_DETAIL = 600 * 1024;
