/** Lets any token shown in the panel open in the Decode view ("decode" on a token). */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const DecoderContext = createContext<((value: string) => void) | null>(null);

export const useOpenInDecoder = () => useContext(DecoderContext);
