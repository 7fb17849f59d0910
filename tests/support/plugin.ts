/** The plugin's identity as Grafana knows it, read from the manifest so tests never spell it out. */
import manifest from '../../src/plugin.json';

export const PLUGIN_ID = manifest.id;
